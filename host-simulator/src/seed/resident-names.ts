/** Common surnames and given-name characters for generated (fictional) residents. */
// prettier-ignore
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴',
  '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧',
] as const;

// prettier-ignore
export const GIVEN_NAME_CHARACTERS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋',
  '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '建', '国', '文', '玉', '兰', '红',
  '志', '晓', '海', '云', '宁', '春', '德', '新', '梅', '鹏',
] as const;

/** Jiaozuo's districts, counties and county-level cities (region codes 4108xx). */
// prettier-ignore
export const JIAOZUO_REGION_CODES = [
  '410802', '410803', '410804', '410811', '410821',
  '410822', '410823', '410825', '410882', '410883',
] as const;

/** The region code cards issued by the Jiaozuo social-insurance agency carry. */
export const CARD_ISSUER_REGION_CODE = '410800';
