import * as z from "zod";
import { placeholderPattern } from "../../core/templates/templateVariables.ts";
import { resourceId, timestamp, withAtLeastOneField } from "./common.ts";
import { pageOf, pageQuery } from "./pagination.ts";

// Prompt templates are text with `{{variable}}` placeholders (spaces inside the braces allowed), rendered
// by plain substitution: no logic, no escapes, so a template can never run code or read other data.

/** Characters a template body, or one variable's value, may hold. */
export const maxTemplateChars = 50_000;

/** Variables one render may pass. */
export const maxTemplateVariables = 100;

/** A placeholder's variable name: a letter or `_`, then letters, digits or `_`; at most 64 characters. */
export const templateVariableName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    "must be a variable name: a letter or _, then letters, digits or _ (at most 64 characters)",
  );

const templateBody = z
  .string()
  .min(1, "must not be empty")
  .max(maxTemplateChars, `must be at most ${maxTemplateChars} characters`)
  .superRefine((body, ctx) => {
    const leftover = body.replace(placeholderPattern, "");
    const stray = /\{\{|\}\}/.exec(leftover);
    if (stray) {
      ctx.addIssue({
        code: "custom",
        message: `has a malformed placeholder near "${leftover.slice(Math.max(0, stray.index - 20), stray.index + 22)}"; write {{name}} with a name of letters, digits and _`,
      });
    }
  })
  .describe("Text with {{variable}} placeholders");

const name = z.string().min(1, "must not be empty").max(100, "must be at most 100 characters");
const description = z.string().max(1000, "must be at most 1000 characters");

/** Path parameters of the routes under `/v1/templates/{templateId}`. */
export const templatePathParams = z.strictObject({
  templateId: resourceId.describe("The template's id"),
});

/** A prompt template, at its latest version. */
export const templateSchema = z
  .strictObject({
    id: resourceId,
    name,
    description: description.nullable(),
    body: z.string(),
    variables: z
      .array(templateVariableName)
      .describe("The variable names the body uses, in order of first use"),
    version: z.int().min(1).describe("Starts at 1; every update that changes the body adds one"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Template" });

/** Body of `POST /v1/templates`. */
export const createTemplateBody = z
  .strictObject({
    name,
    description: description.optional(),
    body: templateBody,
  })
  .meta({ id: "CreateTemplateRequest" });

/** Body of `PATCH /v1/templates/{templateId}`: the fields to change; `description: null` clears it. */
export const updateTemplateBody = withAtLeastOneField(
  z.strictObject({
    name: name.optional(),
    description: description.nullable().optional(),
    body: templateBody.optional(),
  }),
).meta({ id: "UpdateTemplateRequest" });

/** Body of `POST /v1/templates/{templateId}/render`: a value for every variable the template uses. */
export const renderTemplateBody = z
  .strictObject({
    variables: z
      .record(templateVariableName, z.string().max(maxTemplateChars), {
        error: (issue) =>
          issue.code === "invalid_key"
            ? "variable names must be a letter or _, then letters, digits or _ (at most 64 characters)"
            : undefined,
      })
      .refine((values) => Object.keys(values).length <= maxTemplateVariables, {
        message: `has more than ${maxTemplateVariables} variables`,
      })
      .meta({ maxProperties: maxTemplateVariables }),
  })
  .meta({ id: "RenderTemplateRequest" });

/** The rendered text, and which version of the template produced it. */
export const renderedTemplateSchema = z
  .strictObject({
    templateId: resourceId,
    version: z.int().min(1),
    text: z.string(),
  })
  .meta({ id: "RenderedTemplate" });

/** Query of `GET /v1/templates`. */
export const listTemplatesQuery = pageQuery;

/** A page of templates, by name. */
export const templatePageSchema = pageOf(templateSchema).meta({ id: "TemplatePage" });
