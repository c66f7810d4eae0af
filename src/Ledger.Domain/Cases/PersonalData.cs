namespace Ledger.Domain.Cases;

/// <summary>
/// Marks a record parameter or property that may hold personal data. <see cref="CaseEvent.Redact"/>
/// replaces every such value with <see cref="PersonalData.Erased"/>; tests check that no marked
/// value survives redaction.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PersonalDataAttribute : Attribute;

public static class PersonalData
{
    /// <summary>The value that replaces erased personal data.</summary>
    public const string Erased = "[erased]";

    internal static string? Erase(string? value) => value is null ? null : Erased;
}
