/**
 * The interaction room (政民互动): channels per site, letters with routing (交办/转办), replies
 * reviewed by a leader and published redacted, the warning ladder before the national veto
 * line, satisfaction ratings, surveys (征集调查), and the year's figures. A letter's life:
 *   const { trackingNo } = await submitLetter(deps, { siteId, form, attachments: [], idempotencyKey });
 *   await actOnLetter(deps, handler, letterId, { action: 'accept' });
 */
export {
  letterStatistics,
  publicChannels,
  publishedLetter,
  publishedLetters,
  rateLetter,
  submitLetter,
  trackLetter,
  type LetterAttachment,
  type PublicLetterStatus,
  type PublishedLetter,
  type SubmittedLetter,
} from './commands/letters.ts';
export { actOnLetter, getLetter, listLetters } from './commands/letter-handling.ts';
export { interactionOversight, interactionStatistics, overdueLetters, runLetterWarnings } from './commands/letter-oversight.ts';
export { lettersReceived, openLettersOfSite, type OpenLetterClock } from './commands/open-letters.ts';
export { createChannel, createReplyTemplate, saveInteractionSettings, updateChannel } from './commands/channels.ts';
export { moveSiteChannels } from './commands/site-merge.ts';
export { interactionJobs } from './interaction.jobs.ts';
export { interactionRoutes } from './interaction.routes.ts';
export {
  createSurvey,
  openSurvey,
  publicSurvey,
  publicSurveys,
  publishSurveyResult,
  submitOpinion,
  surveyStatistics,
} from './commands/surveys.ts';
