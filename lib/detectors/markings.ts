/**
 * Security-classification and secrecy MARKINGS (category `classified`).
 *
 * The hard part is telling a marking applied to the content ("HEMLIG" alone on
 * its line, "Sekretess enligt 25 kap. 1 § OSL" as a stamp, "Klassificering:
 * BEGRÄNSAT HEMLIG") from a mention ("handlingar som är märkta HEMLIG eller
 * KONFIDENTIELL", "en hemlig ingrediens", "Secret Santa"). The detector works
 * line by line and only looks for level terms at ANCHORS:
 *
 *   - the start of a line, after decoration (#, >, *, -, |, brackets, ticked box);
 *   - the value of a classification label ("Klassificering:", "Classification:",
 *     JSON/YAML keys, XML attributes, a table cell after a label cell);
 *   - the text after an XML/HTML opening tag (<Classification>, <p>);
 *   - a table or column cell (after a tab, '|', two spaces or " - ");
 *   - the value of a short line-start label such as "Ämne:" or "SUBJECT:";
 *   - mid-line brackets, for complete stamps only: "[HEMLIG]",
 *     "(Sekretess enligt 25 kap. 1 § OSL)".
 *
 * At an anchor a level counts if it is written in capitals (any case after a
 * classification label; title case only with an OSL reference) and what
 * follows is a stamp, not prose (see markings/line-shape.ts). An OSL
 * reference may also stand alone on the next line. US banners with "//" and
 * TLP labels are accepted anywhere on a line unless the line asks about or
 * explains them. Portion markings "(TS//NF)" count at paragraph start;
 * "(C)"/"(S)" only together with other US markings in the text.
 *
 * Mentions are dropped when the term is negated ("EJ SEKRETESS"), part of a
 * compound ("HEMLIG-stämpeln"), shown under "Exempel:", or when three or more
 * different levels (or three stamps citing different OSL chapters) stand
 * together on one line or nearby lines: that is a training slide, an
 * equivalence table or a guide, not a marked document.
 *
 * Work per anchor is bounded (sticky regexes with bounded quantifiers, tail
 * checks on a fixed window), and the anchors of a line are found by one pass
 * over it, so the whole scan is linear in the length of the text.
 */
import type { RawFinding } from '../types';
import { textIndexOf, type Detector, type ScanContext } from './detector';
import { anchoredMarkings } from './markings/anchored-scanner';
import { recallMarkings } from './markings/recall';
import { DETECTOR_HINTS } from './text-needles';

export const markingsDetector: Detector = {
  id: 'markings',
  detect(ctx: ScanContext): RawFinding[] {
    const index = textIndexOf(ctx);
    const hints = index.derived(DETECTOR_HINTS);
    const { findings: anchored, levelHint } = anchoredMarkings(ctx.norm.text, index.lines, hints.level);
    const recalled = recallMarkings(ctx.norm.text, anchored, levelHint, { lines: index.lines, hints: hints.recall });
    if (recalled.length === 0) return anchored;
    return [...anchored, ...recalled].sort((a, b) => a.start - b.start);
  },
};
