using System.Security.Cryptography;
using System.Text.Json;

namespace Ledger.Intake;

/// <summary>The JSON beside the model: its version (SHA-256 of the model file and of the corpus), the seed, the split and the held-out scores.</summary>
public sealed record IntakeModelInfo(
    string Version,
    string ModelSha256,
    string CorpusSha256,
    int Seed,
    int Documents,
    int TrainDocuments,
    int HeldOutDocuments,
    double HeldOutAccuracy,
    double HeldOutMacroF1,
    IReadOnlyList<string> Labels)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    public static string VersionOf(string modelSha256, string corpusSha256) =>
        $"intake-classifier@{modelSha256[..16]}+corpus@{(corpusSha256.Length >= 16 ? corpusSha256[..16] : corpusSha256)}";

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static IntakeModelInfo? TryRead(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<IntakeModelInfo>(File.ReadAllText(path), Json) : null;

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}
