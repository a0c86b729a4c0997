import type { Role } from './members.ts';

/**
 * What a new agreement starts from. The mentor's list is the guide's "Mentor
 * Roles & Responsibilities" (Section 2), minus the away message, which Tandem
 * handles with away status; the mentee's and facilitator's are written in the
 * guide's spirit. Everyone edits them to fit their mentorship.
 */
export const DEFAULT_EXPECTATIONS: Readonly<Record<Role, readonly string[]>> = {
  mentor: [
    'Foster a comfortable and inclusive environment for your mentee',
    'Communicate and negotiate personal limits and boundaries',
    'Share expertise, knowledge and professional insights',
    'Help identify areas for growth and set realistic goals',
    'Introduce the mentee to relevant networks and resources',
    'Offer constructive feedback, recognize achievements, and model professional and ethical behaviour, including protecting the confidentiality of discussions',
    "Listen actively and observe the mentee's performance and preferences",
    'Respond to your mentee within the agreed time',
    'Set an away message with your expected return date when away for more than 3 consecutive days',
    'Complete any program evaluations or requirements',
  ],
  mentee: [
    'Come to meetings with questions or topics you want to talk about',
    'Say what you need, and say so when something is not helping',
    "Respect your mentor's limits and the topics they prefer not to discuss",
    'Keep what is shared in your meetings confidential',
    'Respond within the agreed time, and let your mentor know when you will be away',
    'Follow up on the goals and next steps you agreed on',
    'Give honest feedback on the mentorship and complete program evaluations',
  ],
  facilitator: [
    "Hold the group's space: make it safe and inclusive for everyone to speak",
    'Keep time, so every member gets room on the agenda',
    'Protect the confidentiality of what the group shares, and remind the group of it',
    "Make sure everyone's limits and preferred topics are respected",
    'Point members to program, campus and community supports when a conversation needs more than peers can give',
    'Gather feedback for program evaluations',
  ],
};

/** The confidentiality statement a new agreement starts with. */
export const DEFAULT_CONFIDENTIALITY =
  'What we share in this mentorship stays between us. We do not pass on personal details, ' +
  'stories or notes without permission. The exception is a risk to someone\'s safety: then we ' +
  'involve the right support, and say so first whenever we can.';
