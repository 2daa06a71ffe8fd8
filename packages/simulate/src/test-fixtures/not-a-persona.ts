export default { name: 1, act: "nothing" };
