import { describe, expect, it } from "vitest";
import { confirmOffboarding } from "../../../../runtime/fleet/offboard/confirmOffboarding.ts";

const never = async () => {
  throw new Error("must not ask");
};

describe("confirmOffboarding", () => {
  it("accepts --yes-i-mean naming the tenant, without asking", async () => {
    await expect(
      confirmOffboarding({ tenantId: "acme", confirmedId: "acme", interactive: false, ask: never }),
    ).resolves.toBeUndefined();
  });

  it("refuses --yes-i-mean naming another tenant, even on a terminal", async () => {
    await expect(
      confirmOffboarding({ tenantId: "acme", confirmedId: "acme2", interactive: true, ask: never }),
    ).rejects.toMatchObject({
      code: "OFFBOARD_NOT_CONFIRMED",
    });
  });

  it("asks on a terminal and goes on only when the id is typed", async () => {
    const questions: string[] = [];
    const ask = (answer: string) => async (question: string) => {
      questions.push(question);
      return answer;
    };

    await expect(
      confirmOffboarding({ tenantId: "acme", interactive: true, ask: ask(" acme\n") }),
    ).resolves.toBeUndefined();
    await expect(
      confirmOffboarding({ tenantId: "acme", interactive: true, ask: ask("yes") }),
    ).rejects.toMatchObject({
      code: "OFFBOARD_NOT_CONFIRMED",
      message: '"yes" is not acme; nothing was done',
    });
    expect(questions[0]).toContain("Type the tenant id to go on");
  });

  it("refuses without a terminal and without the flag, saying how to confirm", async () => {
    await expect(
      confirmOffboarding({ tenantId: "acme", interactive: false, ask: never }),
    ).rejects.toMatchObject({
      code: "OFFBOARD_NOT_CONFIRMED",
      message: expect.stringContaining("pass --yes-i-mean acme to confirm"),
    });
  });

  it("names the qualified stack in the question, so staging is not mistaken for production", async () => {
    // Prepare
    const questions: string[] = [];

    // Act
    await confirmOffboarding({
      tenantId: "acme",
      stackName: "staging.tenant-acme",
      interactive: true,
      ask: async (question) => {
        questions.push(question);
        return "acme";
      },
    });

    // Assess
    expect(questions).toEqual([
      "This destroys the silo of tenant acme (stack staging.tenant-acme) after snapshot and export. Type the tenant id to go on: ",
    ]);
  });
});
