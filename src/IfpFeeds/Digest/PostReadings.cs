namespace IfpFeeds.Digest;

/// <summary>
/// The readings of one post, by capture (a capture listing a post twice counts once: its first). Most posts of
/// an archive that spans years are listed by one capture only, so the first reading is kept inline and a
/// dictionary is made only for a second.
/// </summary>
internal sealed class PostReadings
{
    private string? _firstCapture;
    private PostReading _first;
    private Dictionary<string, PostReading>? _more;

    public bool IsEmpty => Count == 0;

    public int Count => (_firstCapture is null ? 0 : 1) + (_more?.Count ?? 0);

    public IEnumerable<PostReading> All
    {
        get
        {
            if (_firstCapture is not null)
            {
                yield return _first;
            }

            if (_more is not null)
            {
                foreach (var reading in _more.Values)
                {
                    yield return reading;
                }
            }
        }
    }

    public void Add(string captureId, PostReading reading)
    {
        if (_firstCapture == captureId || _more?.ContainsKey(captureId) == true)
        {
            return;
        }

        if (_firstCapture is null)
        {
            (_firstCapture, _first) = (captureId, reading);
        }
        else
        {
            (_more ??= new Dictionary<string, PostReading>(StringComparer.Ordinal)).Add(captureId, reading);
        }
    }

    public void Remove(string captureId)
    {
        if (_firstCapture == captureId)
        {
            (_firstCapture, _first) = (null, default);
        }
        else
        {
            _more?.Remove(captureId);
        }
    }
}
