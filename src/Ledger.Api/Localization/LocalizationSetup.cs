using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Ledger.Api.Localization;

/// <summary>The languages of CaseLedger's pages and messages: Russian (default), Kazakh and English.</summary>
public static class SupportedLanguages
{
    public const string Default = "ru";

    /// <summary>Culture names in the order the language switcher shows them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ru", "kk", "en"];

    /// <summary>Each language's own name for itself, as shown in the switcher.</summary>
    public static string NativeName(string culture) => culture switch
    {
        "ru" => "Русский",
        "kk" => "Қазақша",
        "en" => "English",
        _ => culture,
    };

    /// <summary>The query-string key that selects a language for one request (<c>?lang=kk</c>).</summary>
    public const string QueryKey = "lang";

    public static bool IsSupported(string? culture) =>
        culture is not null && Names.Contains(culture, StringComparer.OrdinalIgnoreCase);
}

internal static class LocalizationSetup
{
    public static IServiceCollection AddCaseLedgerLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages().AddViewLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedLanguages.Names.Select(name => new CultureInfo(name)).ToList();
            options.DefaultRequestCulture = new RequestCulture(SupportedLanguages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // ?lang= first, then the cookie the language switcher sets, then the browser's Accept-Language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider
                {
                    QueryStringKey = SupportedLanguages.QueryKey,
                    UIQueryStringKey = SupportedLanguages.QueryKey,
                },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static WebApplication UseCaseLedgerLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
