using System.Net.Http.Headers;
using System.Text;
using IfpFeeds.Publishing;

namespace IfpFeeds.Tests;

/// <summary>Helpers of the publishing API's tests: an app with a key, and requests that carry it.</summary>
public static class Publishing
{
    /// <summary>A key made as the command makes them, and the key name it is configured under.</summary>
    public static readonly string Key = PublishingKeys.NewKey();

    public const string KeyName = "newsroom";

    /// <summary>The settings that turn publishing on with <see cref="Key"/>, and <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { [$"Feeds:Publishing:Keys:{KeyName}"] = PublishingKeys.HashOf(Key) };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A request to <c>/api/captures/{id}</c> with the key, and the capture as UTF-8 text/plain when given.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string id, string? capture = null, string? key = null, params (string Name, string Value)[] headers) =>
        Request(method, id, capture is null ? null : Encoding.UTF8.GetBytes(capture), key, headers);

    public static HttpRequestMessage Request(HttpMethod method, string id, byte[]? capture, string? key = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, "/api/captures/" + id);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? Key);
        if (capture is not null)
        {
            request.Content = new ByteArrayContent(capture);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content!.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>PUTs <paramref name="capture"/> as <paramref name="id"/>; the answer.</summary>
    public static Task<HttpResponseMessage> PutAsync(this HttpClient client, string id, string capture, params (string Name, string Value)[] headers) =>
        client.SendAsync(Request(HttpMethod.Put, id, capture, null, headers));

    /// <summary>The quoted ETag of an answer.</summary>
    public static string ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("no ETag");
}
