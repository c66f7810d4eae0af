using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Ledger.Domain.Integrity;

/// <summary>
/// Signs C2SP signed notes with Ed25519 (signature type 0x01). Keys use the Go <c>golang.org/x/mod/sumdb/note</c>
/// text forms: signer key <c>PRIVATE+KEY+name+hexkeyid+base64(0x01‖seed)</c>, verifier key
/// <c>name+hexkeyid+base64(0x01‖public key)</c>, key id = first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
/// </summary>
public sealed class NoteSigner
{
    internal const byte Ed25519Type = 0x01;

    private readonly Ed25519PrivateKeyParameters _privateKey;
    private readonly byte[] _seed;

    private NoteSigner(string name, byte[] seed)
    {
        NoteKeys.CheckName(name);
        Name = name;
        _seed = seed;
        _privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        PublicKey = _privateKey.GeneratePublicKey().GetEncoded();
        KeyId = NoteKeys.KeyId(name, PublicKey);
    }

    /// <summary>The key name (the log's origin, by convention).</summary>
    public string Name { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>The private signer key text. Keep it secret.</summary>
    public string SignerKey => $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. _seed])}";

    /// <summary>The public verifier key text, published at /api/v1/log/key.</summary>
    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    /// <summary>
    /// A new random key. Keys whose verifier key would contain '+' in its base64 part are skipped (about half
    /// of them, costing one bit of a 256-bit seed): the format allows them, but some verifiers split the key text
    /// on every '+' and would fail to read it.
    /// </summary>
    public static NoteSigner Generate(string name)
    {
        while (true)
        {
            var signer = new NoteSigner(name, RandomNumberGenerator.GetBytes(32));
            if (!Convert.ToBase64String([Ed25519Type, .. signer.PublicKey]).Contains('+', StringComparison.Ordinal))
            {
                return signer;
            }
        }
    }

    /// <summary>A key from its 32-byte seed (deterministic; for tests and key import).</summary>
    public static NoteSigner FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new NoteSigner(name, seed.ToArray());
    }

    /// <summary>Reads a <c>PRIVATE+KEY+name+hexkeyid+base64(0x01‖seed)</c> signer key; throws <see cref="FormatException"/>.</summary>
    public static NoteSigner FromSignerKey(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        const string prefix = "PRIVATE+KEY+";
        // The base64 key may itself contain '+': split off name and key id only.
        string[] parts = signerKey.StartsWith(prefix, StringComparison.Ordinal) ? ["PRIVATE", "KEY", .. signerKey[prefix.Length..].Split('+', 3)] : [];
        if (parts.Length != 5)
        {
            throw new FormatException("A signer key has the form PRIVATE+KEY+name+keyid+key.");
        }

        if (!NoteKeys.IsValidName(parts[2]))
        {
            throw new FormatException("The signer key's name is empty or contains spaces or '+'.");
        }

        if (!NoteKeys.TryParseKeyId(parts[3], out uint keyId))
        {
            throw new FormatException("The signer key's key id is not 8 hex digits.");
        }

        if (!Encodings.TryDecodeBase64(parts[4], out byte[]? raw) || raw.Length != 33 || raw[0] != Ed25519Type)
        {
            throw new FormatException("The signer key is not an Ed25519 key in base64.");
        }

        var signer = new NoteSigner(parts[2], raw[1..]);
        if (signer.KeyId != keyId)
        {
            throw new FormatException("The signer key's key id does not match its key.");
        }

        return signer;
    }

    /// <summary>A verifier for this key.</summary>
    public NoteVerifier Verifier() => NoteVerifier.FromVerifierKey(VerifierKey);

    /// <summary>
    /// Signs a note text (non-empty, ending in a newline, no control characters but newline) and returns the
    /// complete signed note: text, blank line, signature line.
    /// </summary>
    public string Sign(string body)
    {
        NoteKeys.CheckText(body);
        return body + "\n" + SignatureLine(body);
    }

    /// <summary>The signature line <c>— name base64(keyid ‖ signature)</c> for a note text, with its newline.</summary>
    public string SignatureLine(string body)
    {
        NoteKeys.CheckText(body);
        byte[] message = Encoding.UTF8.GetBytes(body);
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        byte[] signature = signer.GenerateSignature();
        byte[] withId = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(withId, KeyId);
        signature.CopyTo(withId, 4);
        return $"{NoteKeys.SignaturePrefix}{Name} {Convert.ToBase64String(withId)}\n";
    }
}

/// <summary>Rules shared by signers and verifiers.</summary>
internal static class NoteKeys
{
    public const string SignaturePrefix = "\u2014 ";

    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c == '+' || char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    public static void CheckName(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("A key name must be non-empty, without spaces, control characters or '+'.", nameof(name));
        }
    }

    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = [.. nameBytes, 0x0A, NoteSigner.Ed25519Type, .. publicKey];
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    public static bool TryParseKeyId(string text, out uint keyId)
    {
        keyId = 0;
        if (text.Length != 8)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        keyId = uint.Parse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A note text: non-empty, ends in newline, valid Unicode, no control characters but newline.</summary>
    public static string? TextError(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            return "The note text must end with a newline.";
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ((c < 0x20 && c != '\n') || c == 0x7f)
            {
                return "The note contains a control character.";
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return "The note is not valid Unicode.";
                }

                i++;
            }
        }

        return null;
    }

    public static void CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? error = TextError(text);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(text));
        }
    }
}
