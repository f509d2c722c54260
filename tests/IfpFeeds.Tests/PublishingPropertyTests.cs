using System.Net;
using System.Text.Json.Nodes;
using CsCheck;

namespace IfpFeeds.Tests;

/// <summary>
/// Property: a capture's bytes give the same parse whether they arrive through the publishing API or by a copy into the
/// folder: accepted by both with the same article (but for its id and the dates of its first sight), or refused by the
/// API with the very reason the store gives the copy.
/// </summary>
public sealed class PublishingPropertyTests
{
    private const int CasesPerRound = 60, Rounds = 3;

    private static readonly string[] SightFields = ["id", "published", "updated", "captured"];

    [Fact]
    public async Task BytesThroughTheApiAndThroughTheFolderParseTheSame()
    {
        using var app = new TestApp(Publishing.Settings(("Feeds:Publishing:WritesPerMinute", "0")));
        using var client = app.CreateClient();
        int round = 0, accepted = 0, refused = 0;
        await ParserPropertyTests.Bytes.Array[CasesPerRound].SampleAsync(async cases =>
        {
            round++;
            var statuses = new HttpStatusCode[cases.Length];
            var details = new string?[cases.Length];
            for (var i = 0; i < cases.Length; i++)
            {
                using var response = await client.SendAsync(Publishing.Request(HttpMethod.Put, $"api-{round}-{i}", cases[i]));
                statuses[i] = response.StatusCode;
                details[i] = response.StatusCode == HttpStatusCode.UnprocessableEntity
                    ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]
                    : null;
                await File.WriteAllBytesAsync(Path.Combine(app.Folder, $"dir-{round}-{i}.txt"), cases[i]);
            }

            // The copies are read once they settle: wait until every one is either an article or a rejection.
            var health = await app.WaitForJsonAsync("/healthz", h => SeenCopies(h, round) + ArticleCount(app, round).Result == cases.Length);
            var rejected = health["rejected"]!.AsArray().ToDictionary(r => (string)r!["file"]!, r => (string)r!["reason"]!);
            for (var i = 0; i < cases.Length; i++)
            {
                var copy = $"dir-{round}-{i}.txt";
                if (statuses[i] == HttpStatusCode.UnprocessableEntity)
                {
                    Assert.True(rejected.TryGetValue(copy, out var reason), $"the API refused case {i} ({details[i]}) but the folder took it");
                    Assert.Equal($"api-{round}-{i}.txt {reason}", details[i]);
                    refused++;
                    continue;
                }

                Assert.True(statuses[i] == HttpStatusCode.Created, $"case {i}: {statuses[i]}");
                Assert.False(rejected.ContainsKey(copy), $"the folder rejected case {i}, which the API took: {rejected.GetValueOrDefault(copy)}");
                var viaApi = Without(await app.GetJsonAsync($"/api/articles/api-{round}-{i}"));
                var viaFolder = Without(await app.GetJsonAsync($"/api/articles/dir-{round}-{i}"));
                Assert.Equal(viaFolder, viaApi);
                accepted++;
            }
        }, iter: Rounds, threads: 1);

        // Both sides of the property were tried: the generator makes good captures and bad ones.
        Assert.True(accepted > 10 && refused > 10, $"{accepted} accepted, {refused} refused");
    }

    private static int SeenCopies(JsonNode health, int round) =>
        health["rejected"]!.AsArray().Count(r => ((string)r!["file"]!).StartsWith($"dir-{round}-", StringComparison.Ordinal));

    private static async Task<int> ArticleCount(TestApp app, int round) =>
        (await app.GetJsonAsync("/api/articles")).AsArray().Count(a => ((string)a!["id"]!).StartsWith($"dir-{round}-", StringComparison.Ordinal));

    /// <summary>The article without what depends on its file (id) and its first sight (dates), as JSON text.</summary>
    private static string Without(JsonNode article)
    {
        foreach (var field in SightFields)
        {
            article.AsObject().Remove(field);
        }

        return article.ToJsonString();
    }
}
