using Ledger.Intake;
using Ledger.Intake.Rules;
using Ledger.Projections.Documents;

namespace Ledger.Api.Intake;

/// <summary>
/// The intake pipeline of the API: the committed classifier (<c>Intake:ModelPath</c>, default <c>models/intake-classifier.zip</c>
/// beside the assembly), loaded on first use so that the host starts without it, and the size limit
/// (<c>Intake:MaxFileBytes</c>, default the document store's filing limit). A missing model is reported to the caller
/// (<c>model.missing</c>, 503) on every submission, not at startup.
/// </summary>
public sealed class IntakeTriage
{
    private readonly Lazy<IntakePipeline> _pipeline;

    public IntakeTriage(IConfiguration configuration, DocumentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(limits);
        ModelPath = configuration["Intake:ModelPath"] is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "models", "intake-classifier.zip");
        MaxFileBytes = configuration.GetValue("Intake:MaxFileBytes", limits.MaxFilingBytes);
        _pipeline = new Lazy<IntakePipeline>(() => IntakePipeline.Load(ModelPath, new IntakeOptions { MaxFileBytes = MaxFileBytes }));
    }

    public string ModelPath { get; }

    public long MaxFileBytes { get; }

    public static IntakeRules Rules => IntakeRules.Default;

    /// <exception cref="IntakeException">The model file is missing (<c>model.missing</c>).</exception>
    public IntakePipeline Pipeline => _pipeline.Value;
}
