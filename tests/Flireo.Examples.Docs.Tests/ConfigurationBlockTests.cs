using System.Text;
using System.Text.Json;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Docs.Tests;

/// <summary>Every appsettings example on a page (a JSON block with a "Flireo" section) binds to the real options and passes their validation.</summary>
public sealed class ConfigurationBlockTests
{
    public static TheoryData<string, int> ConfigurationBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in Repository.Pages())
        {
            var count = ConfigurationBlocksOf(page).Count();
            for (var index = 0; index < count; index++)
            {
                data.Add(page, index);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigurationBlocks))]
    public void ConfigurationBlock_OnPage_BindsWithoutUnknownKeysAndIsValid(string page, int index)
    {
        var block = ConfigurationBlocksOf(page).ElementAt(index);
        var line = block.Line;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(block.Content))).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFlireoTools().Services.BuildServiceProvider();

        var bind = () => configuration.GetSection(FlireoToolsOptions.SectionName).Bind(new FlireoToolsOptions(), o => o.ErrorOnUnknownConfiguration = true);
        var validate = () => services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;

        bind.Should().NotThrow($"{page}:{line} shows settings of the Flireo section");
        validate.Should().NotThrow($"{page}:{line} shows valid settings");
    }

    private static IEnumerable<Markdown.CodeBlock> ConfigurationBlocksOf(string page)
        => DocsUpdate.Read(page).CodeBlocks.Where(b => b.Language is "json" or "jsonc" && HasFlireoSection(b.Content));

    private static bool HasFlireoSection(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(FlireoToolsOptions.SectionName, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
