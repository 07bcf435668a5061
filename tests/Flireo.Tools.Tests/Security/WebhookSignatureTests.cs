using System.Text;
using Flireo.Tools.Security;

namespace Flireo.Tools.Tests.Security;

public class WebhookSignatureTests
{
    [Fact]
    public void Sign_KnownVector_MatchesIndependentHmac()
    {
        var body = Encoding.UTF8.GetBytes("""{"message":{"type":"tool-calls"}}""");

        var signature = WebhookSignature.Sign("whsec_test_secret_12345", "1700000000", body);

        // Computed with Python: hmac.new(secret, b"1700000000." + body, sha256).hexdigest()
        signature.Should().Be("sha256=92b07ddc0004470055101f234b226826e00ac442ae8bff643996f561837ff0bf");
    }

    [Fact]
    public void Sign_NonAsciiSecretAndLargeBody_UsesUtf8SecretAndWholeBody()
    {
        var body = Encoding.ASCII.GetBytes(new string('x', 2000));

        var signature = WebhookSignature.Sign("gehéim", "1700000000", body);

        signature.Should().Be("sha256=a79473198a37e179f04de35cb1d8d0f9db9cf455790fad46ccfbaa5fba79b447");
    }

    [Fact]
    public void Sign_EmptySecret_Throws()
    {
        var act = () => WebhookSignature.Sign(string.Empty, "1700000000", []);

        act.Should().Throw<ArgumentException>();
    }
}
