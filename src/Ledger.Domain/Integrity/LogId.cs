using System.Security.Cryptography;
using System.Text;

namespace Ledger.Domain.Integrity;

/// <summary>The anchor contract's key for a log: SHA-256 of the UTF-8 origin string.</summary>
public static class LogId
{
    /// <summary>SHA-256(UTF-8(origin)), the bytes32 logId of the anchor contract.</summary>
    public static byte[] FromOrigin(string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return SHA256.HashData(Encoding.UTF8.GetBytes(origin));
    }
}
