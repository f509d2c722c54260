using IfpFeeds.Configuration;

namespace IfpFeeds.Publishing;

/// <summary>
/// <c>publishing new-key NAME</c> on the command line: makes a key, prints it once with the configuration line that
/// holds its hash, and exits without starting the service. The key itself is kept nowhere.
/// </summary>
public static class PublishingCommand
{
    /// <summary>Whether <paramref name="args"/> ask for this command rather than the service.</summary>
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "publishing";

    /// <summary>Runs the command; the process's exit code (0 done, 2 a usage error).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 3 || args[1] != "new-key" || !PublishingOptions.IsValidKeyName(args[2]))
        {
            error.WriteLine("usage: publishing new-key NAME   (NAME: 1 to 64 letters, digits, '-' or '_'; it names the key in the audit log)");
            return 2;
        }

        var name = args[2];
        var key = PublishingKeys.NewKey();
        var hash = PublishingKeys.HashOf(key);
        output.WriteLine($"Publishing key '{name}' (shown only now; the client sends it as 'Authorization: Bearer <key>'):");
        output.WriteLine();
        output.WriteLine("    " + key);
        output.WriteLine();
        output.WriteLine("Configure its hash (the service never holds the key itself), as an environment variable:");
        output.WriteLine();
        output.WriteLine($"    Feeds__Publishing__Keys__{name}={hash}");
        output.WriteLine();
        output.WriteLine("or in appsettings.json:");
        output.WriteLine();
        output.WriteLine($"    \"Feeds\": {{ \"Publishing\": {{ \"Keys\": {{ \"{name}\": \"{hash}\" }} }} }}");
        return 0;
    }
}
