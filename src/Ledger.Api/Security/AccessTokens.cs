using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Api.Security;

/// <summary>
/// JWT bearer authentication. Tokens are issued by the court's identity provider and signed with a key that the API
/// reads from <c>Auth:SigningKeyFile</c> (or <c>Auth:SigningKey</c>): HMAC-SHA256 with a base64 key of at least 32 bytes.
/// <c>caseledger token</c> issues local development tokens with the same key.
/// </summary>
public static class AccessTokens
{
    public static SymmetricSecurityKey? ReadSigningKey(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(text))
        {
            var file = configuration["Auth:SigningKeyFile"];
            if (string.IsNullOrWhiteSpace(file))
            {
                return null;
            }

            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"The setting Auth:SigningKeyFile points to \"{file}\", which does not exist.");
            }

            text = File.ReadAllText(file);
        }

        return FromText(text.Trim());
    }

    public static SymmetricSecurityKey FromText(string base64Key)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            bytes = Encoding.UTF8.GetBytes(base64Key);
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("The access-token signing key must have at least 32 bytes.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    public static string Issuer(IConfiguration configuration) => configuration["Auth:Issuer"] is { Length: > 0 } i ? i : "caseledger-local";

    public static string Audience(IConfiguration configuration) => configuration["Auth:Audience"] is { Length: > 0 } a ? a : "caseledger";

    /// <summary>Issues a token (development tools and tests; production tokens come from the identity provider).</summary>
    public static string Issue(
        SymmetricSecurityKey key, string issuer, string audience, string subject, IEnumerable<string> roles,
        string? name = null, string? courtId = null, TimeSpan? lifetime = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(roles);
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new List<Claim> { new(LedgerClaims.Subject, subject) };
        claims.AddRange(roles.Select(r => new Claim(LedgerClaims.Role, r)));
        if (name is not null)
        {
            claims.Add(new Claim(LedgerClaims.Name, name));
        }

        if (courtId is not null)
        {
            claims.Add(new Claim(LedgerClaims.Court, courtId));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt.Add(lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static IServiceCollection AddCaseLedgerAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var key = ReadSigningKey(configuration);
        if (key is null)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException("Access tokens cannot be validated: set Auth:SigningKeyFile.");
            }

            // No key configured outside production: a random one, so authenticated endpoints refuse every token.
            key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer(configuration),
                ValidAudience = Audience(configuration),
                IssuerSigningKey = key,
                NameClaimType = LedgerClaims.Name,
                RoleClaimType = LedgerClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorization();
        return services;
    }
}
