/** The links every contest page (participants, applications, targets) link to: the hub and its neighbours. */
export const contestPaths = (id: number) => ({
  hub: `/competitions/${id}/contest`,
  participants: `/competitions/${id}/contest/participants`,
  participantsImport: `/competitions/${id}/contest/participants/import`,
  apply: `/competitions/${id}/contest/apply`,
  applications: `/competitions/${id}/contest/applications`,
  targets: `/competitions/${id}/contest/targets`,
  targetsImport: `/competitions/${id}/contest/targets/import`,
});
