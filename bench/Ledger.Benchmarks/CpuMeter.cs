using System.Diagnostics;
using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>
/// CPU time used so far by this process and by the bench cluster's server processes (children of its postmaster,
/// read from /proc; zero where /proc is not available). Other processes on the machine are not counted.
/// </summary>
internal sealed class CpuMeter(string dataDirectory)
{
    private readonly double _ticksPerSecond = 100;

    public (TimeSpan Client, TimeSpan Server) Read()
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime;
        var server = TimeSpan.Zero;
        try
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                // Fields after the command name (which is in parentheses): state ppid ... utime(14) stime(15) counted from 1.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid != postmaster && ppid != postmaster)
                {
                    continue;
                }

                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                server += TimeSpan.FromSeconds(ticks / _ticksPerSecond);
            }
        }
        catch (IOException)
        {
        }

        return (client, server);
    }
}
