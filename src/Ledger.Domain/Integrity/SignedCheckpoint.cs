namespace Ledger.Domain.Integrity;

/// <summary>The outcome of reading a signed checkpoint.</summary>
public sealed record CheckpointVerification(bool IsValid, Checkpoint? Checkpoint, string? Error);

/// <summary>Signing and verifying checkpoints as C2SP signed notes.</summary>
public static class SignedCheckpoint
{
    /// <summary>The signed checkpoint note text.</summary>
    public static string Sign(Checkpoint checkpoint, NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(signer);
        return signer.Sign(checkpoint.ToBody());
    }

    /// <summary>Verifies the note's signature with the log key, then parses its body.</summary>
    public static CheckpointVerification Verify(string noteText, NoteVerifier logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        var note = logKey.Verify(noteText);
        if (!note.IsValid)
        {
            return new CheckpointVerification(false, null, note.Error);
        }

        try
        {
            return new CheckpointVerification(true, Checkpoint.ParseBody(note.Body!), null);
        }
        catch (FormatException ex)
        {
            return new CheckpointVerification(false, null, ex.Message);
        }
    }

    /// <summary>Verifies and parses, throwing <see cref="FormatException"/> on any failure.</summary>
    public static Checkpoint ParseAndVerify(string noteText, NoteVerifier logKey)
    {
        var result = Verify(noteText, logKey);
        return result.IsValid ? result.Checkpoint! : throw new FormatException(result.Error);
    }

    /// <summary>Reads the body of a checkpoint note WITHOUT checking any signature (for display and routing only).</summary>
    public static Checkpoint ParseUnverified(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        int split = noteText.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException("The note has no blank line before its signatures.");
        }

        return Checkpoint.ParseBody(noteText[..(split + 1)]);
    }
}
