namespace Ledger.Api.Pages;

/// <summary>A section of the site shown in the navigation.</summary>
/// <param name="Key">Resource keys <c>Nav_{Key}</c> (its name) and <c>Section_{Key}</c> (one sentence about it) in SharedResource.</param>
/// <param name="Path">Its page's path.</param>
public sealed record SiteSection(string Key, string Path);

/// <summary>The sections of the web front end, in navigation order. A new section: add it here, add its page under
/// <c>Pages/</c> with <c>ViewData["Section"] = Key</c>, and its two strings to the SharedResource files.</summary>
public static class SiteSections
{
    public static IReadOnlyList<SiteSection> All { get; } =
    [
        new("Verify", "/verify"),
        new("Search", "/search"),
        new("Courtroom", "/courtroom"),
        new("Intake", "/intake"),
        new("Cabinet", "/cabinet"),
        new("Situation", "/situation"),
    ];
}
