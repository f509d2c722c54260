namespace IfpFeeds.Tests;

/// <summary>A test of Unix behaviour (signals, file modes): reported as skipped elsewhere, never as passed.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix only (signals and file modes)";
        }
    }
}
