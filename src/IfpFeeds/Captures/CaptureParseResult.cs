namespace IfpFeeds.Captures;

/// <summary>The outcome of parsing one capture: exactly one of the two is set.</summary>
public readonly record struct CaptureParseResult(Article? Article, CaptureRejection? Rejection)
{
    public static CaptureParseResult Success(Article article) => new(article, null);

    public static CaptureParseResult Reject(string fileName, string reason) => new(null, new CaptureRejection(fileName, reason));
}
