using Microsoft.Extensions.Options;

namespace IfpFeeds.Configuration;

/// <summary>Checks what data annotations cannot: a usable <see cref="FeedsOptions.BaseUrl"/>.</summary>
internal sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions options)
    {
        if (!string.IsNullOrEmpty(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            return ValidateOptionsResult.Fail(
                $"Feeds:BaseUrl must be an absolute http(s) URL without query or fragment, such as 'https://feeds.example.com/'; got '{options.BaseUrl}'.");
        }

        return ValidateOptionsResult.Success;
    }
}
