using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Tests.Infrastructure;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task AgentRecords_AreWhatTheRepositoriesReturn_InOneRead()
    {
        await using var harness = await NewHarnessAsync();
        await using (var seed = harness.Scope(TenantA))
        {
            await seed.Get<IAgentRepository>().UpsertAsync(NewAgent("M001") with { Status = EmploymentStatus.Left, EndDate = new DateOnly(2026, 1, 31), Roles = AgentRoles.Agent | AgentRoles.Referent, ManagerEmployeeNumber = "M000" });
            var completions = seed.Get<ICompletionRepository>();
            await completions.RecordCompletionAsync(NewCompletion("M001", "TC-02", externalId: "lms-2") with { Date = new DateOnly(2026, 3, 1), Score = null, DeliveryMode = null, EvidenceUrl = null });
            await completions.RecordCompletionAsync(NewCompletion("M001", "TC-01") with { Outcome = CompletionOutcome.Failed, Score = 40m });
            await completions.RecordCompletionAsync(NewCompletion("M001", "TC-03", externalId: "lms-void"));
            await completions.WithdrawAsync(CompletionSource.Lms, "lms-void");
            await completions.RecordCompletionAsync(NewCompletion("M002", "TC-01"));
            await seed.Get<IAcknowledgementRepository>().RecordAsync(new Acknowledgement { EmployeeNumber = "M001", CharterVersion = 2, Date = new DateOnly(2026, 2, 1) });
            await seed.Get<IAcknowledgementRepository>().RecordAsync(new Acknowledgement { EmployeeNumber = "M001", CharterVersion = 1, Date = new DateOnly(2025, 2, 1) });
            await seed.Get<IEvidenceRepository>().AppendAsync(NewEvidence("ev-2", "M001", level: 3) with { Kind = EvidenceKind.ReferentValidation, Reference = null });
            await seed.Get<IEvidenceRepository>().AppendAsync(NewEvidence("ev-1", "M001"));
        }

        await harness.With<IAgentRepository, UpsertOutcome>(TenantB, r => r.UpsertAsync(NewAgent("M009")));
        await using var scope = harness.Scope(TenantA);
        var reader = scope.Get<IAgentRecordsReader>();

        var read = await reader.GetAsync("M001");

        Assert.NotNull(read);
        Assert.Equal(await scope.Get<IAgentRepository>().GetAsync("M001"), read.Agent);
        Assert.Equal(await scope.Get<ICompletionRepository>().ListByAgentAsync("M001"), read.Completions);
        Assert.Equal(["TC-01", "TC-02"], read.Completions.Select(c => c.Completion.ModuleId));
        Assert.Equal(await scope.Get<IAcknowledgementRepository>().ListByAgentAsync("M001"), read.Acknowledgements);
        Assert.Equal([1, 2], read.Acknowledgements.Select(a => a.CharterVersion));
        Assert.Equal(await scope.Get<IEvidenceRepository>().ListByAgentAsync("M001"), read.Evidence);
        Assert.Equal(["ev-2", "ev-1"], read.Evidence.Select(e => e.Id));
        Assert.Null(await reader.GetAsync("M404"));
        Assert.Null(await reader.GetAsync("M009"));
        Assert.Null(await harness.With<IAgentRecordsReader, AgentRecords?>(null, r => r.GetAsync("M001")));
    }

    [Fact]
    public async Task AgentRecords_SeeTheWritesOfTheCurrentUnitOfWork()
    {
        await using var harness = await NewHarnessAsync();
        await using var scope = harness.Scope(TenantA);

        var read = await scope.Get<IUnitOfWork>().ExecuteAsync(async ct =>
        {
            await scope.Get<IAgentRepository>().UpsertAsync(NewAgent("M100"), ct);
            await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion("M100"), ct);
            return await scope.Get<IAgentRecordsReader>().GetAsync("M100", ct);
        });

        Assert.Single(read!.Completions);
    }
}
