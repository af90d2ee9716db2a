// The body of an async function that tests/axe_audit.rs runs in the page under audit, in the
// script world where axe-core was injected (the page's own world forbids eval, which axe-core's
// message templates use). Returns axe-core's violations as JSON (and what it could not decide), with every rule on: the
// default ones, the experimental ones and those of WCAG's level AAA.

// Two frames: what the page's script laid out after the last state has been painted.
await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

const rules = Object.fromEntries(axe.getRules().map((rule) => [rule.ruleId, { enabled: true }]));
const results = await axe.run(document, { resultTypes: ["violations"], rules });
const violations = results.violations.flatMap((rule) =>
  rule.nodes.map((node) => ({
    rule: rule.id,
    impact: rule.impact || "",
    target: node.target.join(" "),
    summary: (node.failureSummary || rule.help).replace(/\s+/g, " "),
  })));
// The rules that left something undecided here (a person should look); only violations are
// detailed, so their elements are not counted.
const undecided = results.incomplete.map((rule) => rule.id);
return JSON.stringify({ violations, undecided });
