namespace Kubeguard.Admission.Tests;

/// <summary>A clock that moves forward by <paramref name="step"/> every time it is read.</summary>
internal sealed class SteppingTimeProvider(TimeSpan step) : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now += step;
        return now;
    }
}
