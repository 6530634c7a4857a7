// Accessibility checks with axe-core, run inside the page.
//
// axe's source is evaluated through the DevTools protocol rather than added
// as a <script> element, so a Content-Security-Policy on the pages cannot
// block it.

import assert from 'node:assert/strict';

import axe from 'axe-core';

/** The rule sets checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** How many offending elements a report shows per rule. */
const TARGETS_SHOWN = 5;
/** How much of an offending element's HTML a report shows. */
const SNIPPET_LENGTH = 240;

/**
 * Runs axe on the page as it is now and returns its violations, each as
 * `{ id, impact, help, helpUrl, nodes: [{ target, html, summary }] }`.
 */
export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) {
    await page.evaluate(axe.source);
  }
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' '),
        html: node.html,
        summary: node.failureSummary ?? '',
      })),
    }));
  }, AXE_TAGS);
}

/** One readable paragraph per violated rule, naming a few of the offending elements. */
export function formatViolations(violations) {
  return violations
    .map((violation) => {
      const lines = [`- ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}`];
      for (const node of violation.nodes.slice(0, TARGETS_SHOWN)) {
        const html = node.html.replace(/\s+/g, ' ');
        const snippet = html.length > SNIPPET_LENGTH ? `${html.slice(0, SNIPPET_LENGTH)}…` : html;
        lines.push(`    at ${node.target}`, `       ${snippet}`);
      }
      if (violation.nodes.length > TARGETS_SHOWN) {
        lines.push(`    … and ${violation.nodes.length - TARGETS_SHOWN} more element(s)`);
      }
      lines.push(`    see ${violation.helpUrl}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** Fails, listing every violation, if axe finds any on the page as it is now. */
export async function expectAccessible(page, label) {
  const violations = await runAxe(page);
  if (violations.length > 0) {
    assert.fail(`${label}: ${violations.length} accessibility rule(s) violated\n${formatViolations(violations)}`);
  }
}
