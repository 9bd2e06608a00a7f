using AiLiteracy.Groups;
using AiLiteracy.Model;

namespace AiLiteracy.Entra.Tests.Groups;

public sealed class MatcherTests
{
    private static Agent Agent(string number, string? upn = null, string? mail = null, string? objectId = null) =>
        new() { EmployeeNumber = number, UserPrincipalName = upn, Email = mail, EntraObjectId = objectId };

    private static DirectoryUser User(string id, string? employeeId = null, string? upn = null, string? mail = null) =>
        new() { Id = id, EmployeeId = employeeId, UserPrincipalName = upn, Mail = mail };

    [Fact]
    public void Match_UsesEmployeeId_IgnoringCaseAndSpaces()
    {
        var result = AgentUserMatcher.Match([Agent("a100")], [User("u1", " A100 ")]);

        Assert.Equal("u1", result.UserOf("a100")!.Id);
        Assert.Equal(UserMatchMethod.EmployeeId, result.ByEmployeeNumber["a100"].Method);
    }

    [Fact]
    public void Match_FallsBackToUpnThenMail()
    {
        var result = AgentUserMatcher.Match(
            [Agent("A1", upn: "a1@x.fr"), Agent("A2", mail: "A2@X.FR")],
            [User("u1", upn: "A1@x.fr"), User("u2", mail: "a2@x.fr")]);

        Assert.Equal(UserMatchMethod.UserPrincipalName, result.ByEmployeeNumber["A1"].Method);
        Assert.Equal(UserMatchMethod.Mail, result.ByEmployeeNumber["A2"].Method);
    }

    [Fact]
    public void Match_DoesNotFallBack_WhenFallbacksAreDisabled()
    {
        var result = AgentUserMatcher.Match([Agent("A1", upn: "a1@x.fr")], [User("u1", upn: "a1@x.fr")], new UserMatchingOptions { Fallbacks = [] });

        Assert.Null(result.UserOf("A1"));
        Assert.Equal(UnmatchedReasonCode.NoUser, Assert.Single(result.Unmatched).Code);
    }

    [Fact]
    public void Match_PrefersTheKnownObjectId()
    {
        var result = AgentUserMatcher.Match([Agent("A1", objectId: "u2")], [User("u1", "A1"), User("u2")]);

        Assert.Equal("u2", result.UserOf("A1")!.Id);
    }

    [Fact]
    public void Match_LeavesAmbiguousEmployeeIdsUnmatched_AndMarksTheUsersUncertain()
    {
        var result = AgentUserMatcher.Match([Agent("A1")], [User("u1", "A1"), User("u2", "A1")]);

        Assert.Null(result.UserOf("A1"));
        Assert.Equal(UnmatchedReasonCode.Ambiguous, Assert.Single(result.Unmatched).Code);
        Assert.Equal(["u1", "u2"], result.UncertainUserIds.Order());
    }

    [Fact]
    public void Match_GivesAUserToOneAgentOnly_StrongKeysFirst()
    {
        // A2's UPN fallback points at the user whose employeeId is A1: the employeeId match wins.
        var result = AgentUserMatcher.Match([Agent("A2", upn: "shared@x.fr"), Agent("A1")], [User("u1", "A1", upn: "shared@x.fr")]);

        Assert.Equal("u1", result.UserOf("A1")!.Id);
        var unmatched = Assert.Single(result.Unmatched);
        Assert.Equal(("A2", UnmatchedReasonCode.UserTakenByAnotherAgent), (unmatched.EmployeeNumber, unmatched.Code));
        Assert.Contains("u1", result.UncertainUserIds);
    }

    [Fact]
    public void Match_ReportsDuplicateEmployeeNumbers()
    {
        var result = AgentUserMatcher.Match([Agent("A1"), Agent("A1")], [User("u1", "A1")]);

        Assert.Equal("u1", result.UserOf("A1")!.Id);
        Assert.Equal(UnmatchedReasonCode.DuplicateEmployeeNumber, Assert.Single(result.Unmatched).Code);
    }
}
