using Ledger.Api.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Ledger.Api.Endpoints;

/// <summary>The language switcher: remembers the reader's language in a cookie and goes back to the page.</summary>
public static class LanguageApi
{
    public static IEndpointRouteBuilder MapLanguageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", SwitchLanguage)
            .WithName("SwitchLanguage")
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Path used by the switcher links for <paramref name="culture"/>, returning to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(string culture, string returnUrl) =>
        $"/language/{Uri.EscapeDataString(culture)}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    internal static Results<RedirectHttpResult, NotFound> SwitchLanguage(string culture, string? returnUrl, HttpContext context)
    {
        if (!SupportedLanguages.IsSupported(culture))
        {
            return TypedResults.NotFound();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture.ToLowerInvariant())),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                HttpOnly = true,
            });
        // Only paths of this site: never an open redirect.
        var target = IsLocalPath(returnUrl) ? returnUrl! : "/";
        return TypedResults.LocalRedirect(target);
    }

    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
