using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ledger.Anchoring.Audit;

/// <summary>
/// Derives the canonical committed form of an event (serialized with the ledger's payload options) from the canonical
/// form of the same event serialized with the stored-event options, without serializing it a second time.
/// </summary>
/// <remarks>
/// The two option sets differ only in how enum values are spelled (Marten's <c>Civil</c>, the committed <c>civil</c>).
/// The spellings of every enum value are taken from the two option sets themselves, and only enums whose two spellings
/// are plain ASCII strings of the same length (so the RFC 8785 bytes keep their length and member order) are derived;
/// the derivation walks the canonical bytes with each event type's JSON metadata (from the stored-event options) and
/// rewrites the enum values in place. A type whose shape it cannot follow (polymorphism, custom converters that are
/// not enums, dictionaries holding enums, <c>object</c> members) is not derived: <see cref="TryDerive"/> returns false
/// and the caller serializes the event with the payload options. Tests compare the derived bytes with the serialized
/// ones over every event type.
/// </remarks>
internal sealed class CommittedForm(JsonSerializerOptions written, JsonSerializerOptions committed)
{
    private readonly ConcurrentDictionary<Type, Shape?> _shapes = new();
    private readonly ConcurrentDictionary<Type, EnumSpellings?> _enums = new();

    /// <summary>Whether events of <paramref name="type"/> are derived (rather than serialized again).</summary>
    public bool Derives(Type type) => ShapeOf(type) is not null;

    /// <summary>
    /// Writes into <paramref name="into"/> the committed canonical form of the event of <paramref name="type"/> whose
    /// written canonical form is <paramref name="writtenCanonical"/>; false when the type is not derived or the bytes
    /// hold an enum spelling the options do not produce (then nothing is to be trusted from <paramref name="into"/>).
    /// </summary>
    public bool TryDerive(Type type, ReadOnlySpan<byte> writtenCanonical, Span<byte> into)
    {
        if (ShapeOf(type) is not { } shape || into.Length < writtenCanonical.Length)
        {
            return false;
        }

        writtenCanonical.CopyTo(into);
        if (shape.IsEmpty)
        {
            return true;
        }

        var reader = new Utf8JsonReader(writtenCanonical, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            return reader.Read() && Walk(ref reader, shape, into);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Walk(ref Utf8JsonReader reader, Shape shape, Span<byte> into)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (shape.Enum is { } spellings)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                // An undefined value is written as its number in both forms.
                return true;
            }

            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !spellings.TryGet(reader.ValueSpan, out var spelled))
            {
                return false;
            }

            spelled.CopyTo(into[((int)reader.TokenStartIndex + 1)..]);
            return true;
        }

        if (shape.Element is { } element)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!Walk(ref reader, element, into))
                {
                    return false;
                }
            }

            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var members = shape.Members!;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Shape? member = null;
            if (!reader.ValueIsEscaped)
            {
                foreach (var (name, memberShape) in members)
                {
                    if (reader.ValueSpan.SequenceEqual(name))
                    {
                        member = memberShape;
                        break;
                    }
                }
            }
            else
            {
                return false;
            }

            reader.Read();
            if (member is null)
            {
                reader.Skip();
            }
            else if (!Walk(ref reader, member, into))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private Shape? ShapeOf(Type type) => _shapes.GetOrAdd(type, t => Build(t, []));

    /// <summary>The shape of <paramref name="type"/>'s JSON as far as enums go; null when it cannot be followed.</summary>
    private Shape? Build(Type type, HashSet<Type> open)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return SpellingsOf(underlying) is { } spellings ? new Shape { Enum = spellings } : null;
        }

        if (IsPlain(underlying))
        {
            return Shape.Empty;
        }

        if (underlying == typeof(object) || !open.Add(underlying))
        {
            // Runtime-typed members, or a recursive type: not followed.
            return null;
        }

        try
        {
            var info = written.GetTypeInfo(underlying);
            if (info.PolymorphismOptions is not null)
            {
                return null;
            }

            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable when info.ElementType is { } elementType:
                    return Build(elementType, open) is { } element ? (element.IsEmpty ? Shape.Empty : new Shape { Element = element }) : null;
                case JsonTypeInfoKind.Dictionary when info.ElementType is { } valueType && info.KeyType is { } keyType:
                    // Keys are written as names; only dictionaries that hold no enum at all are followed (skipped).
                    var keyShape = Build(keyType, open);
                    var valueShape = Build(valueType, open);
                    return keyShape is { IsEmpty: true } && valueShape is { IsEmpty: true } ? Shape.Empty : null;
                case JsonTypeInfoKind.Object:
                    var members = new List<(byte[] Name, Shape Shape)>();
                    foreach (var property in info.Properties)
                    {
                        if (property.CustomConverter is not null && !IsPlain(property.PropertyType))
                        {
                            return null;
                        }

                        if (Build(property.PropertyType, open) is not { } memberShape)
                        {
                            return null;
                        }

                        if (!memberShape.IsEmpty)
                        {
                            members.Add((Encoding.UTF8.GetBytes(property.Name), memberShape));
                        }
                    }

                    return members.Count == 0 ? Shape.Empty : new Shape { Members = [.. members] };
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
        finally
        {
            open.Remove(underlying);
        }
    }

    private static bool IsPlain(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan)
            || t == typeof(Uri) || t == typeof(byte[]);
    }

    /// <summary>Each value's two spellings, when both are plain ASCII strings of the same length, distinct per form.</summary>
    private EnumSpellings? SpellingsOf(Type enumType) => _enums.GetOrAdd(enumType, t =>
    {
        var map = new List<(byte[] Written, byte[] Committed)>();
        foreach (var value in Enum.GetValues(t))
        {
            var w = JsonSerializer.SerializeToUtf8Bytes(value, t, written);
            var c = JsonSerializer.SerializeToUtf8Bytes(value, t, committed);
            if (w.Length != c.Length || w.Length < 2 || w[0] != (byte)'"' || c[0] != (byte)'"'
                || w.Any(b => b is >= 0x80 or (byte)'\\') || c.Any(b => b is >= 0x80 or (byte)'\\'))
            {
                return null;
            }

            var wName = w[1..^1];
            var cName = c[1..^1];
            foreach (var (otherW, otherC) in map)
            {
                if (otherW.AsSpan().SequenceEqual(wName) != otherC.AsSpan().SequenceEqual(cName))
                {
                    // Two values spelled alike in one form only: not a bijection.
                    return null;
                }
            }

            map.Add((wName, cName));
        }

        return new EnumSpellings([.. map]);
    });

    private sealed class EnumSpellings((byte[] Written, byte[] Committed)[] map)
    {
        public bool TryGet(ReadOnlySpan<byte> written, out byte[] committed)
        {
            foreach (var (w, c) in map)
            {
                if (written.SequenceEqual(w))
                {
                    committed = c;
                    return true;
                }
            }

            committed = [];
            return false;
        }
    }

    private sealed class Shape
    {
        public static readonly Shape Empty = new();

        public EnumSpellings? Enum { get; init; }

        public Shape? Element { get; init; }

        public (byte[] Name, Shape Shape)[]? Members { get; init; }

        public bool IsEmpty => Enum is null && Element is null && Members is null;
    }
}
