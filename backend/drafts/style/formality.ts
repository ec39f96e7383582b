/**
 * How formal a message reads, from −1 (casual) to 1 (formal), by counting the markers a reader
 * notices: "Dear", "Kind regards", "I am writing", words spelled out where they could be
 * contracted, against contractions, exclamation marks and casual words ("Hey", "Cheers", "btw").
 */
const formalMarkers = [
  /^\s*dear\b/gim,
  /\b(?:kind|best|warm)?\s*regards\b/gi,
  /\b(?:sincerely|yours faithfully|yours truly)\b/gi,
  /\b(?:please do not hesitate|i would be grateful|at your convenience|further to|i trust|i am writing|should you require|please find)\b/gi,
  /\b(?:regarding|concerning|kindly|furthermore|therefore|accordingly)\b/gi,
  /\b(?:i am|i will|i would|i have|we are|we will|we have|do not|does not|cannot|it is|that is|you are|let us)\b/gi,
];
const casualMarkers = [
  /\b\w+(?:n['’]t|['’](?:ll|re|ve|m|d))\b/gi,
  /\b(?:it|that|there|here|what|let|who)['’]s\b/gi,
  /!/g,
  /^\s*(?:hey|hiya|heya|yo)\b/gim,
  /\b(?:cheers|thx|btw|gonna|wanna|awesome|cool|super|ttyl|yep|nope|no worries|sounds good|quick one)\b/gi,
  /[:;]-?[)D]/g,
];

export function formalityOf(text: string): number {
  const formal = count(formalMarkers, text);
  const casual = count(casualMarkers, text);
  // Two of smoothing: a message with one marker is not at an extreme.
  return (formal - casual) / (formal + casual + 2);
}

function count(markers: RegExp[], text: string): number {
  return markers.reduce((sum, marker) => sum + (text.match(marker)?.length ?? 0), 0);
}
