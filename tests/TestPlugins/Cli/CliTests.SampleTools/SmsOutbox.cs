namespace CliTests.SampleTools;

/// <summary>Records sent messages in the file named by the <c>Sample:OutboxFile</c> setting, so tests can see that async work ran.</summary>
public sealed class SmsOutbox(string? file)
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            await File.AppendAllTextAsync(file, $"{phone}: {text}\n", cancellationToken);
        }
    }
}
