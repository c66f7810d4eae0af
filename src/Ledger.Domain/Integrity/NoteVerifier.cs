using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Ledger.Domain.Integrity;

/// <summary>The outcome of verifying a signed note: the verified text, or why it was refused.</summary>
public sealed record NoteVerification(bool IsValid, string? Body, string? Error)
{
    internal static NoteVerification Fail(string error) => new(false, null, error);
}

/// <summary>
/// Verifies C2SP signed notes against one Ed25519 verifier key. Signatures by other keys are ignored; a
/// signature by this key that does not verify rejects the note; a note with no valid signature by this key is
/// rejected. Parsing is strict: blank line before the signatures, canonical base64, nothing after them.
/// </summary>
public sealed class NoteVerifier
{
    private const int MaxSignatures = 100;

    private readonly Ed25519PublicKeyParameters _publicKey;

    private NoteVerifier(string name, uint keyId, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        PublicKey = publicKey;
        _publicKey = new Ed25519PublicKeyParameters(publicKey, 0);
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The verifier key text <c>name+hexkeyid+base64(0x01‖public key)</c>.</summary>
    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteSigner.Ed25519Type, .. PublicKey])}";

    /// <summary>Reads a verifier key; throws <see cref="FormatException"/> when malformed or when the key id does not match.</summary>
    public static NoteVerifier FromVerifierKey(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        // The base64 key may itself contain '+': split off name and key id only.
        string[] parts = verifierKey.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            throw new FormatException("A verifier key has the form name+keyid+key.");
        }

        if (!NoteKeys.IsValidName(parts[0]))
        {
            throw new FormatException("The verifier key's name is empty or contains spaces or '+'.");
        }

        if (!NoteKeys.TryParseKeyId(parts[1], out uint keyId))
        {
            throw new FormatException("The verifier key's key id is not 8 hex digits.");
        }

        if (!Encodings.TryDecodeBase64(parts[2], out byte[]? raw) || raw.Length != 33 || raw[0] != NoteSigner.Ed25519Type)
        {
            throw new FormatException("The verifier key is not an Ed25519 public key in base64.");
        }

        byte[] publicKey = raw[1..];
        if (NoteKeys.KeyId(parts[0], publicKey) != keyId)
        {
            throw new FormatException("The verifier key's key id does not match its name and key.");
        }

        try
        {
            return new NoteVerifier(parts[0], keyId, publicKey);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("The verifier key is not a valid Ed25519 public key.", ex);
        }
    }

    /// <summary>Verifies a signed note and returns its text (the body, with its final newline) when valid.</summary>
    public NoteVerification Verify(string noteText)
    {
        if (noteText is null)
        {
            return NoteVerification.Fail("The note is empty.");
        }

        string? textError = NoteKeys.TextError(noteText);
        if (textError is not null)
        {
            return NoteVerification.Fail(textError);
        }

        int split = noteText.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return NoteVerification.Fail("The note has no blank line before its signatures.");
        }

        string body = noteText[..(split + 1)];
        string signatureBlock = noteText[(split + 2)..];
        if (signatureBlock.Length == 0)
        {
            return NoteVerification.Fail("The note has no signatures.");
        }

        string[] lines = signatureBlock[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return NoteVerification.Fail("The note has too many signatures.");
        }

        bool verified = false;
        byte[]? message = null;
        foreach (string line in lines)
        {
            if (!line.StartsWith(NoteKeys.SignaturePrefix, StringComparison.Ordinal))
            {
                return NoteVerification.Fail("A line after the blank line is not a signature line.");
            }

            string rest = line[NoteKeys.SignaturePrefix.Length..];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                return NoteVerification.Fail("A signature line has no key name and signature.");
            }

            string name = rest[..space];
            if (!NoteKeys.IsValidName(name))
            {
                return NoteVerification.Fail("A signature line has an invalid key name.");
            }

            if (!Encodings.TryDecodeBase64(rest[(space + 1)..], out byte[]? signature) || signature.Length < 5)
            {
                return NoteVerification.Fail("A signature is not valid base64.");
            }

            uint keyId = BinaryPrimitives.ReadUInt32BigEndian(signature);
            if (!string.Equals(name, Name, StringComparison.Ordinal) || keyId != KeyId)
            {
                continue; // another key's signature (e.g. a witness): ignored
            }

            message ??= Encoding.UTF8.GetBytes(body);
            if (signature.Length != 4 + 64 || !VerifyEd25519(message, signature.AsSpan(4)))
            {
                return NoteVerification.Fail("The log's signature on the note does not verify.");
            }

            verified = true;
        }

        return verified
            ? new NoteVerification(true, body, null)
            : NoteVerification.Fail($"The note is not signed by the key {Name}+{KeyId:x8}.");
    }

    private bool VerifyEd25519(byte[] message, ReadOnlySpan<byte> signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, _publicKey);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature.ToArray());
    }
}
