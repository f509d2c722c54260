using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Configuration;

/// <summary>
/// Validates <see cref="FeedsOptions"/> and the option groups inside it (<see cref="FeedsOptions.RateLimit"/>)
/// by their data annotations, and what annotations cannot say (a usable <see cref="FeedsOptions.BaseUrl"/>).
/// Each failure names the configuration key as a person sets it (<c>Feeds:RateLimit:WindowSeconds</c>) and
/// the value it was given.
/// </summary>
internal sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions options)
    {
        var failures = new List<string>();
        Check(options, FeedsOptions.SectionName, failures);
        Check(options.RateLimit, $"{FeedsOptions.SectionName}:{nameof(FeedsOptions.RateLimit)}", failures);
        Check(options.Publishing, $"{FeedsOptions.SectionName}:{nameof(FeedsOptions.Publishing)}", failures);
        Check(options.WebSub, $"{FeedsOptions.SectionName}:{nameof(FeedsOptions.WebSub)}", failures);
        var webSub = options.WebSub;
        if (webSub.MinLeaseSeconds > webSub.MaxLeaseSeconds
            || webSub.DefaultLeaseSeconds < webSub.MinLeaseSeconds || webSub.DefaultLeaseSeconds > webSub.MaxLeaseSeconds)
        {
            failures.Add($"Feeds:WebSub:DefaultLeaseSeconds ({webSub.DefaultLeaseSeconds}) must lie between Feeds:WebSub:MinLeaseSeconds "
                + $"({webSub.MinLeaseSeconds}) and Feeds:WebSub:MaxLeaseSeconds ({webSub.MaxLeaseSeconds}).");
        }

        for (var i = 0; i < webSub.Hubs.Count; i++)
        {
            if (!IsHttpUrl(webSub.Hubs[i], out _))
            {
                failures.Add($"Feeds:WebSub:Hubs:{i} must be an absolute http(s) URL of a hub; got '{webSub.Hubs[i]}'.");
            }
        }

        if (webSub.Hubs.Count > 0 && string.IsNullOrEmpty(options.BaseUrl))
        {
            failures.Add("Feeds:WebSub:Hubs needs Feeds:BaseUrl: an external hub is told the topics' public URLs, which only the base URL gives.");
        }

        foreach (var (keyName, hash) in options.Publishing.Keys)
        {
            // The value is never echoed: a key pasted here by mistake instead of its hash must not reach a log.
            if (!PublishingOptions.IsValidKeyName(keyName))
            {
                failures.Add($"Feeds:Publishing:Keys:{keyName} has a bad name: use 1 to 64 letters, digits, '-' or '_'.");
            }
            else if (hash is null || !System.Text.RegularExpressions.Regex.IsMatch(hash, "^[0-9A-Fa-f]{64}$"))
            {
                failures.Add($"Feeds:Publishing:Keys:{keyName} must be the SHA-256 hash of the key as 64 hex digits, not the key itself "
                    + $"(make both with: dotnet run --project src/IfpFeeds -- publishing new-key {keyName}); got {hash?.Length ?? 0} characters.");
            }
        }

        if (!string.IsNullOrEmpty(options.BaseUrl)
            && (!IsHttpUrl(options.BaseUrl, out var uri)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            failures.Add($"Feeds:BaseUrl must be an absolute http(s) URL without query or fragment, such as 'https://feeds.example.com/'; got '{options.BaseUrl}'.");
        }

        foreach (var (slug, language) in options.SectionLanguages)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(language, "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"))
            {
                failures.Add($"Feeds:SectionLanguages:{slug} must be a BCP 47 tag such as 'fa' or 'en-GB'; got '{language}'.");
            }
        }

        foreach (var (key, value) in new[] { ("Feeds:IconUrl", options.IconUrl), ("Feeds:LogoUrl", options.LogoUrl) })
        {
            if (!string.IsNullOrEmpty(value) && !IsHttpUrl(value, out _))
            {
                failures.Add($"{key} must be an absolute http(s) URL of an image; got '{value}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether <paramref name="value"/> is an absolute http or https URL.</summary>
    private static bool IsHttpUrl(string? value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Every annotated property of <paramref name="group"/>, named <c>{section}:{property}</c> in its messages.</summary>
    private static void Check(object group, string section, List<string> failures)
    {
        foreach (var property in group.GetType().GetProperties())
        {
            var attributes = property.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).Cast<ValidationAttribute>().ToArray();
            if (attributes.Length == 0)
            {
                continue;
            }

            var value = property.GetValue(group);
            var key = $"{section}:{property.Name}";
            var context = new ValidationContext(group) { MemberName = property.Name, DisplayName = key };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateValue(value, context, results, attributes))
            {
                var shown = Convert.ToString(value, CultureInfo.InvariantCulture);
                failures.AddRange(results.Select(r => $"{r.ErrorMessage} (got '{shown}')"));
            }
        }
    }
}
