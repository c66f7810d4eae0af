var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync();

/// <summary>Entry point type, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
