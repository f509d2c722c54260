using System.Diagnostics;
using System.Globalization;
using System.Text;
using IfpFeeds.CaptureGenerator;

// Usage: IfpFeeds.CaptureGenerator --out DIR --count N --sections M [--seed S] [--unique-sidebars] [--clean]
//        IfpFeeds.CaptureGenerator --show I [--count N] [--sections M] [--seed S] [--unique-sidebars]   (prints capture I, writes nothing)
const string Usage =
    "usage: IfpFeeds.CaptureGenerator --out DIR --count N --sections M [--seed S] [--unique-sidebars] [--clean]\n" +
    "       IfpFeeds.CaptureGenerator --show I [--count N] [--sections M] [--seed S] [--unique-sidebars]\n" +
    "  --out DIR       folder to write the captures to (created if missing)\n" +
    "  --count N       number of captures (default 1000)\n" +
    "  --sections M    number of sections (default 16; from 5 on one label is Persian)\n" +
    "  --seed S        seed (default 1): the same seed, count and sections give the same bytes\n" +
    "  --unique-sidebars  every sidebar post title and excerpt differs from every other in the set (an archive\n" +
    "                  captured over years), instead of being drawn from one shared pool of posts\n" +
    "  --clean         delete the *.txt files already in DIR first\n" +
    "  --show I        print capture I to standard output instead of writing files";

string? outDir = null;
int count = 1000, sections = 16, show = -1;
ulong seed = 1;
var clean = false;
var uniqueSidebars = false;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--out":
                outDir = Value();
                break;
            case "--count":
                count = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--sections":
                sections = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--seed":
                seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--show":
                show = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--clean":
                clean = true;
                break;
            case "--unique-sidebars":
                uniqueSidebars = true;
                break;
            case "-h" or "--help":
                Console.WriteLine(Usage);
                return 0;
            default:
                throw new ArgumentException($"unknown argument '{args[i]}'");
        }
    }

    if (count < 1 || sections < 1)
    {
        throw new ArgumentException("--count and --sections must be at least 1");
    }

    if (outDir is null && show < 0)
    {
        throw new ArgumentException("--out DIR is required");
    }

    if (show >= count)
    {
        throw new ArgumentException("--show I needs I < --count N");
    }
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}

var generator = new CaptureSetGenerator(seed, count, sections, uniqueSidebars);

if (show >= 0)
{
    var capture = generator.Generate(show);
    Console.Error.WriteLine($"# {capture.FileName} ({capture.Bytes.Length:N0} bytes, last write {capture.LastWriteUtc:yyyy-MM-dd'T'HH:mm:ss'Z'})");
    using var stdout = Console.OpenStandardOutput();
    stdout.Write(capture.Bytes);
    return 0;
}

var folder = Path.GetFullPath(outDir!);
Directory.CreateDirectory(folder);
if (clean)
{
    foreach (var old in Directory.EnumerateFiles(folder, "*.txt"))
    {
        File.Delete(old);
    }
}

var started = Stopwatch.GetTimestamp();
long totalBytes = 0;
var withFrontMatter = 0;
var perSection = new int[generator.Sections.Count];
Parallel.For(0, count, i =>
{
    var capture = generator.Generate(i);
    var path = Path.Join(folder, capture.FileName);
    File.WriteAllBytes(path, capture.Bytes);
    File.SetLastWriteTimeUtc(path, capture.LastWriteUtc);
    Interlocked.Add(ref totalBytes, capture.Bytes.Length);
    Interlocked.Increment(ref perSection[capture.SectionIndex]);
    if (capture.HasFrontMatter)
    {
        Interlocked.Increment(ref withFrontMatter);
    }
});
var elapsed = Stopwatch.GetElapsedTime(started);

var summary = new StringBuilder();
summary.Append(CultureInfo.InvariantCulture,
    $"Wrote {count:N0} captures ({totalBytes / 1048576.0:F1} MiB, {totalBytes / (double)count:F0} bytes on average, {withFrontMatter * 100.0 / count:F0}% with front matter) ");
summary.Append(CultureInfo.InvariantCulture,
    $"over {generator.Sections.Count} sections to {folder} in {elapsed.TotalMilliseconds:F0} ms (seed {seed}; ");
summary.Append(uniqueSidebars
    ? "unique sidebars: every post title and excerpt distinct)"
    : string.Create(CultureInfo.InvariantCulture, $"sidebar pool of {generator.Pool.Count} posts)"));
Console.WriteLine(summary.ToString());
for (var k = 0; k < perSection.Length; k++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {perSection[k],8:N0}  {generator.Sections[k]}"));
}

return 0;
