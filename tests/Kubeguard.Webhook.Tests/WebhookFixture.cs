namespace Kubeguard.Webhook.Tests;

/// <summary>One running webhook shared by the tests of a class.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public RunningWebhook Webhook { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Webhook = await RunningWebhook.StartAsync(o => o with { BodyReadTimeout = TimeSpan.FromSeconds(2) });

    public async Task DisposeAsync() => await Webhook.DisposeAsync();
}
