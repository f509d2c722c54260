namespace IfpFeeds.Publishing;

/// <summary>How one request to the publishing API ended: its status, and its name in the audit log and the metric's <c>outcome</c> tag.</summary>
public sealed record PublishOutcome(int Status, string Name)
{
    public static readonly PublishOutcome Created = new(StatusCodes.Status201Created, "created");
    public static readonly PublishOutcome Replaced = new(StatusCodes.Status200OK, "replaced");
    public static readonly PublishOutcome Unchanged = new(StatusCodes.Status200OK, "unchanged");
    public static readonly PublishOutcome Deleted = new(StatusCodes.Status204NoContent, "deleted");
    public static readonly PublishOutcome BadId = new(StatusCodes.Status400BadRequest, "bad_id");
    public static readonly PublishOutcome BadPrecondition = new(StatusCodes.Status400BadRequest, "bad_precondition");
    public static readonly PublishOutcome Unauthorized = new(StatusCodes.Status401Unauthorized, "unauthorized");
    public static readonly PublishOutcome NotFound = new(StatusCodes.Status404NotFound, "not_found");
    public static readonly PublishOutcome PreconditionFailed = new(StatusCodes.Status412PreconditionFailed, "precondition_failed");
    public static readonly PublishOutcome TooLarge = new(StatusCodes.Status413PayloadTooLarge, "too_large");
    public static readonly PublishOutcome UnsupportedMediaType = new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");
    public static readonly PublishOutcome Invalid = new(StatusCodes.Status422UnprocessableEntity, "invalid");
    public static readonly PublishOutcome RateLimited = new(StatusCodes.Status429TooManyRequests, "rate_limited");
    public static readonly PublishOutcome StorageUnavailable = new(StatusCodes.Status503ServiceUnavailable, "storage_unavailable");
    public static readonly PublishOutcome StorageFull = new(StatusCodes.Status507InsufficientStorage, "storage_full");
}
