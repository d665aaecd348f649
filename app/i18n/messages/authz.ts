import { defineMessages } from "./define";

/** Messages of the reach rules (issue #14): region codes below a parent, users managed by whom. */
export const authzMessages = defineMessages(
  {
    "org.regionOutsideParent": "行政区划代码须在上级组织的区划（{parent}）之内。",
    "org.regionParentHasNone": "上级组织“{parent}”没有行政区划代码，下级组织也不能填写。",
    "org.regionRequired": "市级工会须填写上级组织区划之内的行政区划代码。",
    "org.regionStrandsChild": "下级组织“{name}”的区划代码将不在本组织的区划之内。",
    "users.outsideReach":
      "该用户的角色超出您管理的组织范围：只有管理其全部角色所在组织的管理员才能管理该用户。",
  },
  {
    "org.regionOutsideParent": "The division code must lie inside the parent organization's ({parent}).",
    "org.regionParentHasNone":
      "The parent organization “{parent}” has no division code, so this one cannot have one either.",
    "org.regionRequired": "A city union needs a division code inside its parent organization's.",
    "org.regionStrandsChild":
      "The suborganization “{name}” would no longer lie inside this organization's division code.",
    "users.outsideReach":
      "This user holds roles outside the organizations you administer: only an admin over all of them may manage this user.",
  },
);
