using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>HTTP helpers for the API tests.</summary>
public static class Api
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value, AiLiteracyJson.Compact), Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ReadJsonAsync();
    }

    public static async Task<HttpResponseMessage> PutAgentAsync(this HttpClient client, string employeeNumber, object? body = null) =>
        await client.PutAsync("/api/v1/agents/" + employeeNumber, Json(body ?? new { displayName = "Agent " + employeeNumber, jobFamilyId = "rh", roles = new[] { "agent" } }));

    public static async Task<HttpResponseMessage> PostCompletionAsync(this HttpClient client, object body) =>
        await client.PostAsync("/api/v1/completions", Json(body));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsync(url, Json(body));
}
