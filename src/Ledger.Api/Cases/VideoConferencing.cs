using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Api.Cases;

/// <summary>A verified join token: who may enter which hearing's room, until when.</summary>
public sealed record VideoJoinClaims(Guid HearingId, Guid ParticipantId, DateTimeOffset ExpiresAt);

/// <summary>
/// The video-conference provider's side of video hearings. Each hearing has its own room at
/// <c>{Video:BaseUrl}/{hearingId}</c> (https). A participant joins with a short-lived token that the provider checks
/// with the shared key (<c>Video:JoinKey</c>, base64, or <c>Video:JoinKeyFile</c>):
/// <code>token = "v1." + hearingId(32 hex) + "." + participantId(32 hex) + "." + expiresUnixSeconds + "." + base64url(HMAC-SHA256(key, everything before the last dot))</code>
/// The join URL is the room link with <c>?token=…</c>. <c>Video:JoinTokenMinutes</c> (default 15) sets the lifetime.
/// </summary>
public sealed class VideoConferencing
{
    private const string Version = "v1";
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public VideoConferencing(Uri baseUrl, byte[] key, TimeSpan tokenLifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(key);
        if (baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Video:BaseUrl must be an https address; it is {baseUrl}.");
        }

        if (key.Length < 32)
        {
            throw new InvalidOperationException("The video join-token key (Video:JoinKey) must have at least 32 bytes.");
        }

        BaseUrl = baseUrl;
        _key = key;
        TokenLifetime = tokenLifetime;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public Uri BaseUrl { get; }

    public TimeSpan TokenLifetime { get; }

    public static VideoConferencing FromConfiguration(IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var baseUrl = new Uri(configuration["Video:BaseUrl"] is { Length: > 0 } u ? u : "https://video.court.example/rooms");
        var text = configuration["Video:JoinKey"];
        if (string.IsNullOrWhiteSpace(text) && configuration["Video:JoinKeyFile"] is { Length: > 0 } file)
        {
            text = File.ReadAllText(file).Trim();
        }

        byte[] key;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException("Video join tokens cannot be signed: set Video:JoinKeyFile (the key shared with the video-conference provider).");
            }

            key = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            key = Convert.FromBase64String(text);
        }

        var minutes = configuration.GetValue("Video:JoinTokenMinutes", 15);
        return new VideoConferencing(baseUrl, key, TimeSpan.FromMinutes(minutes), time);
    }

    /// <summary>The room of a hearing.</summary>
    public string RoomUrl(Guid hearingId) => $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/{hearingId:N}";

    /// <summary>A join token for one participant of one hearing, valid for <see cref="TokenLifetime"/>.</summary>
    public HearingJoinResponse Join(Guid hearingId, Guid participantId, string roomUrl)
    {
        var expires = _time.GetUtcNow().Add(TokenLifetime);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
        var body = string.Create(CultureInfo.InvariantCulture, $"{Version}.{hearingId:N}.{participantId:N}.{expiresAt.ToUnixTimeSeconds()}");
        var token = body + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)));
        var separator = roomUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new HearingJoinResponse($"{roomUrl}{separator}token={token}", token, expiresAt);
    }

    /// <summary>The provider's check: the token is well formed, signed with <paramref name="key"/> and not expired at <paramref name="now"/>.</summary>
    public static VideoJoinClaims? Verify(string? token, byte[] key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = token?.Split('.');
        if (parts is not { Length: 5 } || parts[0] != Version
            || !Guid.TryParseExact(parts[1], "N", out var hearingId) || !Guid.TryParseExact(parts[2], "N", out var participantId)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var body = string.Join('.', parts[..4]);
        var expected = Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[4])))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        return now >= expiresAt ? null : new VideoJoinClaims(hearingId, participantId, expiresAt);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
