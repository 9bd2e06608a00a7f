using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

public sealed class CompletionBuilder
{
    private readonly string employeeNumber;
    private readonly string moduleId;
    private DateOnly date = TestClock.Today.AddMonths(-1);
    private CompletionOutcome outcome = CompletionOutcome.Completed;
    private decimal? score;
    private int version = 1;
    private DeliveryMode? deliveryMode = Model.DeliveryMode.InPerson;

    private CompletionBuilder(string employeeNumber, string moduleId)
    {
        this.employeeNumber = employeeNumber;
        this.moduleId = moduleId;
    }

    public static CompletionBuilder Of(string employeeNumber, string moduleId) => new(employeeNumber, moduleId);

    public CompletionBuilder On(DateOnly value)
    {
        date = value;
        return this;
    }

    public CompletionBuilder DaysAgo(int days) => On(TestClock.Today.AddDays(-days));

    public CompletionBuilder MonthsAgo(int months) => On(TestClock.Today.AddMonths(-months));

    public CompletionBuilder Passed(decimal? withScore = null)
    {
        outcome = CompletionOutcome.Passed;
        score = withScore;
        return this;
    }

    public CompletionBuilder Scored(decimal value)
    {
        score = value;
        return this;
    }

    public CompletionBuilder Failed()
    {
        outcome = CompletionOutcome.Failed;
        return this;
    }

    public CompletionBuilder OfVersion(int value)
    {
        version = value;
        return this;
    }

    public CompletionBuilder DeliveredAs(DeliveryMode mode)
    {
        deliveryMode = mode;
        return this;
    }

    public Completion Build() => new()
    {
        EmployeeNumber = employeeNumber,
        ModuleId = moduleId,
        ModuleVersion = version,
        Date = date,
        Outcome = outcome,
        Score = score,
        DeliveryMode = deliveryMode,
        Source = CompletionSource.Lms,
    };

    public static implicit operator Completion(CompletionBuilder builder) => builder.Build();
}
