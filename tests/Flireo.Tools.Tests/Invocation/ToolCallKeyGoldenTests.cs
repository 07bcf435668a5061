using System.Text.Json;
using Flireo.Tools.Invocation;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>Retry keys are stored by the durable queues: the key of every kind of arguments must stay what it was.</summary>
/// <remarks>The expected keys were written by the version before the fingerprint got its allocation-free path (commit 35d2e9d).</remarks>
public class ToolCallKeyGoldenTests
{
    private static readonly string[] ArgumentsJson =
    [
        """{"query":"Jan de Vries"}""",
        """{ "b" : 1, "a" : [true, null, 1.50, -0, 1e3, "x"], "c": {"z": {}, "y": []} }""",
        """{"text":"Zoë +31 <b>&'","times":2}""",
        """{"text":"emoji 👩‍🍳 \u2028 北京 \t\n \" \\ \/ \u00e9"}""",
        """{"n\u00e4me":"esc","name":"plain","Name":"upper","_":"u","~":"t","ä":"raw"}""",
        """{"a":1,"a":2,"a":{"x":1},"b":"\ud800"}""",
        """{"\ud800":"lone name","ok":"\udc00 lone value"}""",
        """{"nested":[{"k2":"v","k1":[{"z":"\u0041","a":"A"}]}],"AA":1,"a":2,"B":3,"b":4}""",
        """["array", {"b":2,"a":1}, "at the top"]""",
        """{}""",
        """{"big":12345678901234567890123456789,"neg":-1.0e-10,"str":"12"}""",
        """{"x":"tab\there","y":"nul\u0000","z":"del\u007f","w":"\u001f"}""",
        """{"same":"a","same":"a"}""",
        """{"ctrl\u0001":"c","q\"uote":"d"}""",
    ];

    private static readonly string[] TextsJson =
    [
        """{"query":"Jan de Vries"}""",
        """{ "b":1 , "a":2 }""",
        """not json at all""",
        "",
        """[1, 2 ,3]""",
    ];

    private static readonly string[] Expected =
    [
        "6:call-1|4:tc_1|4:echo|8dd5666776e397f966903d9bd6ff42c12ac812dc97637b0aa0e906008b8b256b",
        "-|4:tc_1|4:echo|8dd5666776e397f966903d9bd6ff42c12ac812dc97637b0aa0e906008b8b256b",
        "1:c|1:t|1:x|8dd5666776e397f966903d9bd6ff42c12ac812dc97637b0aa0e906008b8b256b",
        "6:call-1|4:tc_1|4:echo|0e28c6522e3ed11c7a1bf440a2fd68d0c650e99cf76670fa337c095bba312ca9",
        "-|4:tc_1|4:echo|0e28c6522e3ed11c7a1bf440a2fd68d0c650e99cf76670fa337c095bba312ca9",
        "1:c|1:t|1:x|0e28c6522e3ed11c7a1bf440a2fd68d0c650e99cf76670fa337c095bba312ca9",
        "6:call-1|4:tc_1|4:echo|7f403d16002c5951d8c258c99495d661e49608c50c49a2ae7c41d28f705957cc",
        "-|4:tc_1|4:echo|7f403d16002c5951d8c258c99495d661e49608c50c49a2ae7c41d28f705957cc",
        "1:c|1:t|1:x|7f403d16002c5951d8c258c99495d661e49608c50c49a2ae7c41d28f705957cc",
        "6:call-1|4:tc_1|4:echo|39c56e1ad11305208aeb67a1c0f2ed098d4c6fb3ed5dc7bd893a396d31f0c8df",
        "-|4:tc_1|4:echo|39c56e1ad11305208aeb67a1c0f2ed098d4c6fb3ed5dc7bd893a396d31f0c8df",
        "1:c|1:t|1:x|39c56e1ad11305208aeb67a1c0f2ed098d4c6fb3ed5dc7bd893a396d31f0c8df",
        "6:call-1|4:tc_1|4:echo|1b9ddb59fe3a1b8e3f8355da19a73280a2ee1ef532d009a209ca7efef2d91135",
        "-|4:tc_1|4:echo|1b9ddb59fe3a1b8e3f8355da19a73280a2ee1ef532d009a209ca7efef2d91135",
        "1:c|1:t|1:x|1b9ddb59fe3a1b8e3f8355da19a73280a2ee1ef532d009a209ca7efef2d91135",
        "6:call-1|4:tc_1|4:echo|f8566b95128fa651cb08c9685fa253a4030b295bebcc5bd7411aec77e923b7aa",
        "-|4:tc_1|4:echo|f8566b95128fa651cb08c9685fa253a4030b295bebcc5bd7411aec77e923b7aa",
        "1:c|1:t|1:x|f8566b95128fa651cb08c9685fa253a4030b295bebcc5bd7411aec77e923b7aa",
        "6:call-1|4:tc_1|4:echo|ab15d601c177349689bf11bb69aedf5ac0c19fc51d00c500a33278160b389410",
        "-|4:tc_1|4:echo|ab15d601c177349689bf11bb69aedf5ac0c19fc51d00c500a33278160b389410",
        "1:c|1:t|1:x|ab15d601c177349689bf11bb69aedf5ac0c19fc51d00c500a33278160b389410",
        "6:call-1|4:tc_1|4:echo|9db867546251db602ff2a12679784f5a03e7d80ee4ccac90a0e9b82aaca44dd0",
        "-|4:tc_1|4:echo|9db867546251db602ff2a12679784f5a03e7d80ee4ccac90a0e9b82aaca44dd0",
        "1:c|1:t|1:x|9db867546251db602ff2a12679784f5a03e7d80ee4ccac90a0e9b82aaca44dd0",
        "6:call-1|4:tc_1|4:echo|799b63416f89ccca71212304591aaf0f8950ee87ab8ecd9e151e10724b8520f5",
        "-|4:tc_1|4:echo|799b63416f89ccca71212304591aaf0f8950ee87ab8ecd9e151e10724b8520f5",
        "1:c|1:t|1:x|799b63416f89ccca71212304591aaf0f8950ee87ab8ecd9e151e10724b8520f5",
        "6:call-1|4:tc_1|4:echo|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "-|4:tc_1|4:echo|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "1:c|1:t|1:x|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "6:call-1|4:tc_1|4:echo|5ec3fef2a9db5983804152a92a0254e13b99785573beda95961b7f014a609ff0",
        "-|4:tc_1|4:echo|5ec3fef2a9db5983804152a92a0254e13b99785573beda95961b7f014a609ff0",
        "1:c|1:t|1:x|5ec3fef2a9db5983804152a92a0254e13b99785573beda95961b7f014a609ff0",
        "6:call-1|4:tc_1|4:echo|6d0fa2a8d97d9f76eecad1f5bd48d1eb219f2e21a8695dc69ec10d9d973ac9f6",
        "-|4:tc_1|4:echo|6d0fa2a8d97d9f76eecad1f5bd48d1eb219f2e21a8695dc69ec10d9d973ac9f6",
        "1:c|1:t|1:x|6d0fa2a8d97d9f76eecad1f5bd48d1eb219f2e21a8695dc69ec10d9d973ac9f6",
        "6:call-1|4:tc_1|4:echo|1560848d162f17756c52cd927a431fdd8254c6863692a2b750f7d62ff7ad9fcd",
        "-|4:tc_1|4:echo|1560848d162f17756c52cd927a431fdd8254c6863692a2b750f7d62ff7ad9fcd",
        "1:c|1:t|1:x|1560848d162f17756c52cd927a431fdd8254c6863692a2b750f7d62ff7ad9fcd",
        "6:call-1|4:tc_1|4:echo|aa7ccc621cd7153da8e6f2ce01c9719253c4e0d1cde479cfb58d6cad6f64c43e",
        "-|4:tc_1|4:echo|aa7ccc621cd7153da8e6f2ce01c9719253c4e0d1cde479cfb58d6cad6f64c43e",
        "1:c|1:t|1:x|aa7ccc621cd7153da8e6f2ce01c9719253c4e0d1cde479cfb58d6cad6f64c43e",
        "8dd5666776e397f966903d9bd6ff42c12ac812dc97637b0aa0e906008b8b256b",
        "d3626ac30a87e6f7a6428233b3c68299976865fa5508e4267c5415c76af7a772",
        "75199f41cc4037ed731b7a72ec84d8e22ac1d5967cd527885e9248485288d8b6",
        "1658fae457c16fc18f3f2d8e1c2a5b3e06ec32cf5d72e42e1d894f86cd996221",
        "a615eeaee21de5179de080de8c3052c8da901138406ba71c38c032845f7d54f4",
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "3:a|b|1:c",
    ];

    [Fact]
    public void Keys_OfEveryKindOfArguments_AreTheStoredOnes()
    {
        var keys = new List<string>();
        foreach (var arguments in ArgumentsJson)
        {
            using var document = JsonDocument.Parse(arguments);
            keys.Add(ToolCallKey.Create("call-1", "tc_1", "echo", document.RootElement));
            keys.Add(ToolCallKey.Create(null, "tc_1", "echo", document.RootElement));
            using var wrapped = JsonDocument.Parse(JsonSerializer.Serialize(new { arguments }));
            keys.Add(ToolCallKey.Create("c", "t", "x", wrapped.RootElement.GetProperty("arguments")));
        }

        foreach (var text in TextsJson)
        {
            keys.Add(ToolCallKey.Fingerprint(text));
        }

        keys.Add(ToolCallKey.Fingerprint(default(JsonElement)));
        keys.Add(ToolCallKey.Ids("a|b", "c"));

        keys.Should().Equal(Expected);
    }
}
