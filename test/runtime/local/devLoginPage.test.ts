import { describe, expect, it } from "vitest";
import { devLoginPage } from "../../../runtime/local/devLoginPage.ts";

const baseline = {
  action: "/_idp/interaction/abc",
  clientId: "globex-web",
  tenantIds: ["acme-health", "globex"],
  selectedTenantId: "globex",
  scopes: ["openid", "models:read"],
};

describe("devLoginPage", () => {
  it("shows a form posting to the interaction with a subject field and the app's tenant picked", () => {
    // Act
    const html = devLoginPage(baseline);

    // Assess
    expect(html).toContain('<form method="post" action="/_idp/interaction/abc">');
    expect(html).toContain('name="subject"');
    expect(html).toContain('<option value="globex" selected>globex</option>');
    expect(html).toContain('<option value="acme-health">acme-health</option>');
    expect(html).toContain("openid models:read");
    expect(html).not.toContain("<script");
  });

  it("escapes what was typed and the refusal it shows again", () => {
    // Act
    const html = devLoginPage({ ...baseline, subject: '"><script>x</script>', error: "<b>no</b>" });

    // Assess
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('<p role="alert">&lt;b&gt;no&lt;/b&gt;</p>');
    expect(html).not.toContain("<script>");
  });
});
