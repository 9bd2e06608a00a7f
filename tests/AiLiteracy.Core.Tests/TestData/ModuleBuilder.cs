using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

public sealed class ModuleBuilder
{
    private readonly string id;
    private readonly TrackKind track;
    private int version = 1;
    private int minimumVersion = 1;
    private int? validityMonths;
    private decimal? passMark;
    private decimal durationHours = 3;
    private bool required = true;
    private readonly List<string> prerequisites = [];
    private readonly List<string> jobFamilies = [];
    private readonly List<AgentRoles> roles = [];
    private readonly List<DeliveryMode> deliveryModes = [DeliveryMode.InPerson];
    private readonly List<ModuleCompetency> competencies = [];

    private ModuleBuilder(string id, TrackKind track)
    {
        this.id = id;
        this.track = track;
    }

    public static ModuleBuilder CommonCore(string id) => new(id, TrackKind.CommonCore);

    public static ModuleBuilder Job(string id, params string[] jobFamilies) => new ModuleBuilder(id, TrackKind.Job).ForJobFamilies(jobFamilies);

    public static ModuleBuilder Referent(string id) => new(id, TrackKind.Referent);

    public static ModuleBuilder Elected(string id) => new(id, TrackKind.Elected);

    public static ModuleBuilder Manager(string id) => new(id, TrackKind.Manager);

    public ModuleBuilder WithVersion(int current, int minimum = 1)
    {
        version = current;
        minimumVersion = minimum;
        return this;
    }

    public ModuleBuilder ValidFor(int months)
    {
        validityMonths = months;
        return this;
    }

    public ModuleBuilder WithPassMark(decimal mark)
    {
        passMark = mark;
        return this;
    }

    public ModuleBuilder WithDuration(decimal hours)
    {
        durationHours = hours;
        return this;
    }

    public ModuleBuilder Optional()
    {
        required = false;
        return this;
    }

    public ModuleBuilder After(params string[] prerequisiteIds)
    {
        prerequisites.AddRange(prerequisiteIds);
        return this;
    }

    public ModuleBuilder ForJobFamilies(params string[] families)
    {
        jobFamilies.AddRange(families);
        return this;
    }

    public ModuleBuilder ForRoles(params AgentRoles[] audienceRoles)
    {
        roles.AddRange(audienceRoles);
        return this;
    }

    public ModuleBuilder DeliveredAs(params DeliveryMode[] modes)
    {
        deliveryModes.Clear();
        deliveryModes.AddRange(modes);
        return this;
    }

    public ModuleBuilder Develops(string competencyId, int level)
    {
        competencies.Add(new ModuleCompetency(competencyId, level));
        return this;
    }

    public Module Build() => new()
    {
        Id = id,
        Track = track,
        Title = new LocalizedText($"Module {id}", $"Module {id}"),
        Version = version,
        MinimumVersion = minimumVersion,
        ValidityMonths = validityMonths,
        Assessment = passMark is { } mark ? new Assessment { PassMark = mark } : null,
        DurationHours = durationHours,
        Required = required,
        Prerequisites = [.. prerequisites],
        Audience = new ModuleAudience { JobFamilies = [.. jobFamilies], Roles = [.. roles] },
        DeliveryModes = [.. deliveryModes],
        Competencies = [.. competencies],
    };
}
