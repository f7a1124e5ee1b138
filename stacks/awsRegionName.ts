/**
 * The shape of an AWS Region name (`us-east-1`, `us-gov-west-1`, `eu-central-2`), as stack config
 * (`aws:region`) and the CLI's `--region` accept it. It checks the shape only, not that the Region exists.
 */
export const awsRegionNamePattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
