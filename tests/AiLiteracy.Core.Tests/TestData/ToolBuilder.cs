using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

public sealed class ToolBuilder
{
    private readonly string id;
    private ToolStatus status = ToolStatus.Approved;
    private DataClass maxDataClass = DataClass.Internal;
    private readonly List<string> requiredModules = [];

    private ToolBuilder(string id) => this.id = id;

    public static ToolBuilder Approved(string id) => new(id);

    public static ToolBuilder Tolerated(string id) => new ToolBuilder(id).WithStatus(ToolStatus.Tolerated).UpTo(DataClass.Public);

    public static ToolBuilder Forbidden(string id) => new ToolBuilder(id).WithStatus(ToolStatus.Forbidden);

    public ToolBuilder WithStatus(ToolStatus value)
    {
        status = value;
        return this;
    }

    public ToolBuilder UpTo(DataClass dataClass)
    {
        maxDataClass = dataClass;
        return this;
    }

    public ToolBuilder Requiring(params string[] moduleIds)
    {
        requiredModules.AddRange(moduleIds);
        return this;
    }

    public AiTool Build() => new()
    {
        Id = id,
        Name = $"Tool {id}",
        Vendor = "Vendor",
        Hosting = Hosting.France,
        Status = status,
        MaxDataClass = maxDataClass,
        RequiredModules = [.. requiredModules],
    };
}
