Console.WriteLine("caseledger");
return 0;
