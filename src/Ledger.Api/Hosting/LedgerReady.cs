namespace Ledger.Api.Hosting;

/// <summary>Endpoint filter: makes sure the ledger's tables exist before an endpoint uses them.</summary>
public static class LedgerReady
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await context.HttpContext.RequestServices.GetRequiredService<LedgerDatabase>().EnsureReadyAsync(context.HttpContext.RequestAborted);
        return await next(context);
    }
}
