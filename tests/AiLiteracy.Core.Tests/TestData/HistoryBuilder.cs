using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

public sealed class HistoryBuilder
{
    private readonly string employeeNumber;
    private readonly List<Completion> completions = [];
    private readonly List<Acknowledgement> acknowledgements = [];
    private readonly List<Evidence> evidence = [];

    private HistoryBuilder(string employeeNumber) => this.employeeNumber = employeeNumber;

    public static HistoryBuilder For(string employeeNumber) => new(employeeNumber);

    public HistoryBuilder With(Func<CompletionBuilder, CompletionBuilder> completion, string moduleId)
    {
        completions.Add(completion(CompletionBuilder.Of(employeeNumber, moduleId)).Build());
        return this;
    }

    /// <summary>A completion of <paramref name="moduleId"/> a month ago.</summary>
    public HistoryBuilder Completed(string moduleId) => With(c => c, moduleId);

    public HistoryBuilder Completed(string moduleId, Func<CompletionBuilder, CompletionBuilder> configure) => With(configure, moduleId);

    public HistoryBuilder Acknowledged(int charterVersion, DateOnly? on = null)
    {
        acknowledgements.Add(new Acknowledgement
        {
            EmployeeNumber = employeeNumber,
            CharterVersion = charterVersion,
            Date = on ?? TestClock.Today.AddMonths(-2),
        });
        return this;
    }

    public HistoryBuilder Evidenced(string competencyId, int level, EvidenceKind kind = EvidenceKind.ReferentValidation, DateOnly? on = null)
    {
        evidence.Add(new Evidence
        {
            Id = $"E-{employeeNumber}-{evidence.Count + 1}",
            EmployeeNumber = employeeNumber,
            CompetencyId = competencyId,
            Level = level,
            Kind = kind,
            Date = on ?? TestClock.Today.AddMonths(-1),
        });
        return this;
    }

    public IReadOnlyList<Completion> Completions => completions;

    public IReadOnlyList<Acknowledgement> Acknowledgements => acknowledgements;

    public AgentHistory Build() => AgentHistory.Create(employeeNumber, completions, acknowledgements, evidence);

    public static implicit operator AgentHistory(HistoryBuilder builder) => builder.Build();
}
