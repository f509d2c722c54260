using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IfpFeeds.Tests;

/// <summary>
/// The whole app over its own temporary articles folder (deleted on dispose). Each test that changes
/// files gets its own instance.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">More services for this app (e.g. a snapshot listener that records what it hears).</param>
    public TestApp(Dictionary<string, string?>? settings = null, TimeProvider? time = null, bool createFolder = true, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Root = Directory.CreateTempSubdirectory("ifpfeeds-test-").FullName;
        Folder = Path.Combine(Root, "articles");
        DataFolder = Path.Combine(Root, "data");
        if (createFolder)
        {
            Directory.CreateDirectory(Folder);
        }

        _settings = new Dictionary<string, string?>
        {
            ["Feeds:ArticlesPath"] = Folder,
            ["Feeds:DataPath"] = DataFolder,
            ["Feeds:DebounceMilliseconds"] = "50",
            ["Feeds:SettleMilliseconds"] = "100",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _time = time;
    }

    /// <summary>A temporary folder holding <see cref="Folder"/>.</summary>
    public string Root { get; }

    /// <summary>The articles folder the app reads.</summary>
    public string Folder { get; }

    /// <summary>The app's data folder (<c>Feeds:DataPath</c>: the first-seen registry).</summary>
    public string DataFolder { get; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes a capture into the folder (UTF-8, no BOM).</summary>
    public string Write(string fileName, string text, DateTime? lastWriteUtc = null)
    {
        var path = Path.Combine(Folder, fileName);
        File.WriteAllText(path, text);
        if (lastWriteUtc is { } t)
        {
            File.SetLastWriteTimeUtc(path, t);
        }

        return path;
    }

    /// <summary>Copies a file of TestData into the folder.</summary>
    public void CopyTestData(string fileName) =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", fileName), Path.Combine(Folder, fileName), overwrite: true);

    public async Task<JsonNode> GetJsonAsync(string url)
    {
        using var client = CreateClient();
        var node = await client.GetFromJsonAsync<JsonNode>(url);
        return node!;
    }

    /// <summary>Polls <paramref name="url"/> until <paramref name="condition"/> holds or 15 s pass (generous: CI has 2 busy cores).</summary>
    public async Task<JsonNode> WaitForJsonAsync(string url, Func<JsonNode, bool> condition)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (condition(last))
                {
                    return last;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{url} never met the condition; last answer: {last?.ToJsonString()}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value); // also as host settings, which Program sees before it builds (Feeds:Metrics:Prometheus)
        }

        if (_time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_time)));
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
