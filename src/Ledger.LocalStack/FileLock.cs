namespace Ledger.LocalStack;

/// <summary>A lock shared between processes: an exclusively opened file. Released on dispose or when the process dies.</summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new LocalStackException($"Another CaseLedger process holds {path} for too long; wait for it to finish or stop it.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
